package io.tap.reconciler.compliance;

import io.tap.reconciler.compliance.ComplianceReport.RegionError;
import io.tap.reconciler.config.AwsProperties;
import io.tap.reconciler.config.ComplianceProperties;
import io.tap.reconciler.drift.ManagedResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ComplianceReader} over AWS Config: in each region, {@code DescribeComplianceByConfigRule} (all
 * pages) for rule status, then {@code GetComplianceDetailsByConfigRule} (NON_COMPLIANT, all pages) for each
 * NON_COMPLIANT rule. Regions are read in parallel, each with its own cached client; a region that fails is
 * reported in {@link ComplianceReport#errors()} with none of its findings, and the others are unaffected.
 * The regions read are {@code tap.compliance.regions} when set, otherwise the ones passed in.
 */
public final class AwsConfigComplianceReader implements ComplianceReader, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AwsConfigComplianceReader.class);

    private final ConfigClients clients;
    private final ComplianceProperties properties;
    private final ComplianceState state;
    private final Clock clock;
    private final RegionReader regionReader;
    private final ExecutorService pool;

    AwsConfigComplianceReader(ConfigClients clients, ComplianceProperties properties, ComplianceState state,
                              Clock clock) {
        this.clients = clients;
        this.properties = properties;
        this.state = state;
        this.clock = clock;
        this.regionReader = new RegionReader(properties.pageSize());
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(properties.parallelRegions(), r -> {
            Thread t = new Thread(r, "tap-compliance-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A reader outside Spring (benchmarks, tests of other packages).
     *
     * @param credentials {@code null} for the SDK's default chain
     */
    public static AwsConfigComplianceReader create(AwsProperties aws, ComplianceProperties properties,
                                                   AwsCredentialsProvider credentials, ComplianceState state) {
        return new AwsConfigComplianceReader(new ConfigClients(aws, properties, credentials), properties, state,
                Clock.systemUTC());
    }

    @Override
    public ComplianceReport read(String stack, List<String> regions, List<ManagedResource> managed) {
        List<String> targets = properties.regionsFor(regions).stream().distinct().toList();
        ResourceMapper mapper = new ResourceMapper(managed);
        List<CompletableFuture<RegionReader.Result>> futures = targets.stream()
                .map(region -> CompletableFuture.supplyAsync(() -> readRegion(region, mapper), pool))
                .toList();
        Map<String, Integer> rules = new LinkedHashMap<>();
        List<ComplianceFinding> findings = new ArrayList<>();
        List<RegionError> errors = new ArrayList<>();
        for (CompletableFuture<RegionReader.Result> f : futures) {
            RegionReader.Result r = f.join();
            if (r.error() != null) {
                errors.add(r.error());
                log.warn("compliance stack={} region={} code={} retryable={}: {}", stack, r.region(),
                        r.error().errorCode(), r.error().retryable(), r.error().message());
            } else {
                rules.put(r.region(), r.nonCompliantRules());
                findings.addAll(r.findings());
            }
        }
        ComplianceReport report = new ComplianceReport(rules, findings, errors);
        long managedCount = findings.stream().filter(ComplianceFinding::managed).count();
        log.info("compliance stack={} regions={} nonCompliantRules={} findings={} managed={} failedRegions={}",
                stack, targets, rules, findings.size(), managedCount, errors.size());
        state.record(stack, targets, report, clock.instant());
        return report;
    }

    private RegionReader.Result readRegion(String region, ResourceMapper mapper) {
        if (!ConfigClients.isKnownRegion(region)) {
            return RegionReader.Result.failed(RegionErrors.unknownRegion(region));
        }
        try {
            return regionReader.read(clients.forRegion(region), region, mapper);
        } catch (RuntimeException e) {
            return RegionReader.Result.failed(RegionErrors.of(region, "client setup", e));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        clients.close();
    }
}
