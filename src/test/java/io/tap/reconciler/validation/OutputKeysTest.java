package io.tap.reconciler.validation;

import io.tap.reconciler.topology.TapOutputs;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys the checks read are the keys the topology exports (validation may not import topology). */
class OutputKeysTest {

    @Test
    void everyRegionalKeyReadIsExportedInEveryRegionsObject() {
        assertThat(TapOutputs.PER_REGION).containsAll(OutputKeys.REGIONAL);
    }

    @Test
    void theTrailIsExportedInThePrimaryRegionsObjectAndThePrimaryRegionAtTheTop() {
        assertThat(TapOutputs.PRIMARY_ONLY).contains(OutputKeys.CLOUDTRAIL_NAME);
        assertThat(TapOutputs.GLOBAL).contains(OutputKeys.PRIMARY_REGION);
    }

    @Test
    void everyKeyConstantTheChecksUseIsAnExportedKey() throws IllegalAccessException {
        List<String> exported = new ArrayList<>(TapOutputs.PER_REGION);
        exported.addAll(TapOutputs.PRIMARY_ONLY);
        exported.addAll(TapOutputs.GLOBAL);
        for (Field f : OutputKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                assertThat(exported).as(f.getName()).contains((String) f.get(null));
            }
        }
    }
}
