package io.tap.reconciler.topology;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void writesCompactJsonWithEscapes() {
        var tree = Json.obj("s", "a\"b\\c\n\t\r\u0001", "n", 1.5, "b", true, "z", null, "l", Arrays.asList(1, "x", null));
        assertThat(Json.write(tree)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\t\\r\\u0001\",\"n\":1.5,\"b\":true,\"z\":null,\"l\":[1,\"x\",null]}");
        assertThat(Rendered.json(Json.write(tree)).get("s").asString()).isEqualTo("a\"b\\c\n\t\r\u0001");
    }

    @Test
    void refusesUnresolvedOutputs() {
        assertThatThrownBy(() -> Json.write(List.of(com.pulumi.core.Output.of("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Json.render");
    }
}
