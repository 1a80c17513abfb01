package io.tap.reconciler.deploy;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The AWS operations the service's own code calls, found in its bytecode: every call (or method
 * reference) to a method of an AWS SDK v2 service client, mapped to its IAM action.
 */
final class AwsSdkCalls {

    private static final Pattern CLIENT = Pattern.compile(
            "software\\.amazon\\.awssdk\\.services\\.([a-z0-9]+)\\.([A-Za-z0-9]+?)(Async)?Client");

    /** SDK methods that are not AWS operations. */
    private static final Set<String> NOT_OPERATIONS = Set.of("close", "serviceName", "serviceClientConfiguration",
            "utilities", "waiter", "builder", "create");

    /** SDK package → IAM service prefix, where they differ. */
    private static final Map<String, String> IAM_PREFIX = Map.of(
            "resourcegroupstaggingapi", "tag",
            "elasticloadbalancingv2", "elasticloadbalancing",
            "cloudwatchlogs", "logs",
            "sfn", "states");

    /** S3 operations whose IAM action is named differently from the API operation. */
    private static final Map<String, String> S3_ACTIONS = Map.ofEntries(
            Map.entry("headBucket", "s3:ListBucket"),
            Map.entry("listObjects", "s3:ListBucket"),
            Map.entry("listObjectsV2", "s3:ListBucket"),
            Map.entry("listObjectVersions", "s3:ListBucketVersions"),
            Map.entry("headObject", "s3:GetObject"),
            Map.entry("getObject", "s3:GetObject"),
            Map.entry("getBucketEncryption", "s3:GetEncryptionConfiguration"),
            Map.entry("getPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
            Map.entry("getBucketReplication", "s3:GetReplicationConfiguration"),
            Map.entry("getBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
            Map.entry("getBucketVersioning", "s3:GetBucketVersioning"),
            Map.entry("getBucketPolicy", "s3:GetBucketPolicy"),
            Map.entry("getBucketPolicyStatus", "s3:GetBucketPolicyStatus"),
            Map.entry("getBucketLocation", "s3:GetBucketLocation"),
            Map.entry("getBucketLogging", "s3:GetBucketLogging"),
            Map.entry("getBucketTagging", "s3:GetBucketTagging"),
            Map.entry("getBucketAcl", "s3:GetBucketAcl"),
            Map.entry("getBucketOwnershipControls", "s3:GetBucketOwnershipControls"),
            Map.entry("listBuckets", "s3:ListAllMyBuckets"),
            Map.entry("putObject", "s3:PutObject"),
            Map.entry("deleteObject", "s3:DeleteObject"),
            Map.entry("deleteObjects", "s3:DeleteObject"));

    private AwsSdkCalls() {
    }

    /** IAM action → the code locations that need it. */
    static Map<String, Set<String>> inMainCode() {
        return in(RepoFiles.ROOT.resolve("target/classes"));
    }

    /** IAM action → code locations, for the class files under a directory (or one class file). */
    static Map<String, Set<String>> in(java.nio.file.Path mainClasses) {
        // Only our bytecode: resolving every SDK type from the classpath would take half a minute.
        var config = com.tngtech.archunit.ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        JavaClasses classes;
        try {
            config.setResolveMissingDependenciesFromClassPath(false);
            classes = new ClassFileImporter().importPath(mainClasses);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
        if (classes.isEmpty()) {
            throw new AssertionError("no main classes found; run through Maven so target/classes exists");
        }
        Map<String, Set<String>> actions = new TreeMap<>();
        for (JavaClass type : classes) {
            Stream.<JavaAccess<?>>concat(type.getMethodCallsFromSelf().stream(), type.getMethodReferencesFromSelf().stream())
                    .forEach(access -> {
                        String action = iamAction(access.getTargetOwner().getName(), access.getName());
                        if (action != null) {
                            actions.computeIfAbsent(action, a -> new TreeSet<>()).add(access.getSourceCodeLocation().toString());
                        }
                    });
        }
        return actions;
    }

    /** The IAM action of an SDK client method, or {@code null} if the method is not an AWS operation. */
    static String iamAction(String ownerClass, String method) {
        Matcher m = CLIENT.matcher(ownerClass);
        if (!m.matches() || NOT_OPERATIONS.contains(method)) {
            return null;
        }
        String operation = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
        String sdkPackage = m.group(1);
        if (sdkPackage.equals("s3")) {
            String action = S3_ACTIONS.get(operation);
            if (action == null) {
                throw new AssertionError("S3 operation " + operation + " has no IAM action mapping; add it to "
                        + AwsSdkCalls.class.getSimpleName() + ".S3_ACTIONS (S3's action names differ from its API)");
            }
            return action;
        }
        return IAM_PREFIX.getOrDefault(sdkPackage, sdkPackage) + ":"
                + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
    }
}
