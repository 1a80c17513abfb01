package io.tap.reconciler.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes YAML into the fabric8 model, failing on any field the model does not know.
 *
 * <p>fabric8 model classes keep unknown fields in an {@code additionalProperties} any-setter, and its
 * own mapper also tolerates type mismatches; both would hide a misspelt field. This parser removes
 * every any-setter and turns {@code FAIL_ON_UNKNOWN_PROPERTIES} on, so the error names the bad field.
 */
final class StrictManifestParser {

    /** The kinds this repository uses; anything else is looked up in fabric8's (slow to build) registry. */
    private static final Map<String, Class<? extends HasMetadata>> KNOWN = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class));
    private static KubernetesSerialization registry;
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .addModule(new SimpleModule("strict-fabric8").setDeserializerModifier(new ValueDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                                                             BeanDescription.Supplier description,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    private StrictManifestParser() {
    }

    /** Every non-empty document of a multi-document YAML text, as YAML trees. */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (values.hasNextValue()) {
                JsonNode doc = values.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    /** Parses every document strictly into its registered fabric8 type. */
    static List<HasMetadata> parseAll(String yaml, String origin) {
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode doc : documents(yaml)) {
            resources.add(parse(doc, origin));
        }
        return resources;
    }

    private static synchronized KubernetesSerialization registry() {
        if (registry == null) {
            registry = new KubernetesSerialization();
        }
        return registry;
    }

    static HasMetadata parse(JsonNode doc, String origin) {
        String apiVersion = doc.path("apiVersion").asString("");
        String kind = doc.path("kind").asString("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new IllegalArgumentException(origin + ": document without apiVersion/kind: " + doc);
        }
        Class<? extends KubernetesResource> type = KNOWN.containsKey(apiVersion + "/" + kind)
                ? KNOWN.get(apiVersion + "/" + kind) : registry().getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(origin + ": no fabric8 model for " + apiVersion + " " + kind);
        }
        try {
            return (HasMetadata) STRICT.treeToValue(doc, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(origin + ": " + kind + " does not match the Kubernetes schema: "
                    + e.getMessage(), e);
        }
    }
}
