package io.tap.reconciler.support.aws;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving a test class the {@link MotoServer#shared() shared moto server}: it makes
 * sure one answers before the class runs (starting {@code moto_server} when needed, failing with
 * {@code pip install "moto[server]"} when moto is missing) and injects {@link MotoServer} parameters.
 *
 * <p>Put it before {@code SpringExtension} ({@code @ExtendWith(MotoExtension.class)} above
 * {@code @SpringBootTest}) and read the endpoint in {@code @DynamicPropertySource} with
 * {@code MotoServer.shared().endpoint()}.
 */
public final class MotoExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        MotoServer.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return MotoServer.shared();
    }
}
