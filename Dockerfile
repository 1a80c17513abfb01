# syntax=docker/dockerfile:1
#
# tap-reconciler image: a Spring Boot service that drives the pulumi CLI and the AWS provider plugin.
# Build (see README "Container image"):
#   docker build \
#     --build-arg PULUMI_SHA256=<sha256 of pulumi-v3.276.0-linux-x64.tar.gz> \
#     --build-arg PULUMI_AWS_SHA256=<sha256 of pulumi-resource-aws-v6.83.0-linux-amd64.tar.gz> \
#     -t <registry>/tap-reconciler:<version> .
# Base images are pinned by exact tag; pin them by digest too (JDK_IMAGE=…@sha256:…) for reproducible builds.

ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk-jammy
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

# ---- 1. build the application with the Maven Wrapper -------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Resolve dependencies in their own layer so source edits do not re-download them.
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src/main/ src/main/
RUN ./mvnw -B -ntp -o -q -DskipTests package \
 && cp target/tap-reconciler-*.jar /tmp/app.jar \
 && java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /layers

# ---- 2. fetch the pulumi CLI and the AWS provider plugin, verifying their checksums ------------
FROM ${JDK_IMAGE} AS pulumi
# Versions: the CLI matches .ci/install-pulumi.sh, the plugin matches com.pulumi:aws in pom.xml.
ARG PULUMI_VERSION=3.276.0
ARG PULUMI_AWS_VERSION=6.83.0
ARG PULUMI_URL=https://get.pulumi.com/releases/sdk/pulumi-v${PULUMI_VERSION}-linux-x64.tar.gz
ARG PULUMI_AWS_URL=https://github.com/pulumi/pulumi-aws/releases/download/v${PULUMI_AWS_VERSION}/pulumi-resource-aws-v${PULUMI_AWS_VERSION}-linux-amd64.tar.gz
# No defaults on purpose: a build without the published checksums must fail, not trust the network.
ARG PULUMI_SHA256
ARG PULUMI_AWS_SHA256
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /dl
RUN : "${PULUMI_SHA256:?build arg PULUMI_SHA256 is required, see README}" \
 && : "${PULUMI_AWS_SHA256:?build arg PULUMI_AWS_SHA256 is required, see README}" \
 && curl -fsSL --proto '=https' --tlsv1.2 -o pulumi.tgz "${PULUMI_URL}" \
 && echo "${PULUMI_SHA256}  pulumi.tgz" | sha256sum -c - \
 && curl -fsSL --proto '=https' --tlsv1.2 -o pulumi-aws.tgz "${PULUMI_AWS_URL}" \
 && echo "${PULUMI_AWS_SHA256}  pulumi-aws.tgz" | sha256sum -c - \
 && mkdir -p /opt/pulumi/bin \
 && tar -xzf pulumi.tgz -C /tmp \
 && install -m 0755 /tmp/pulumi/pulumi /opt/pulumi/bin/pulumi \
 && tar -xzf pulumi-aws.tgz -C /tmp pulumi-resource-aws \
 && install -m 0755 /tmp/pulumi-resource-aws /opt/pulumi/bin/pulumi-resource-aws \
 && /opt/pulumi/bin/pulumi version

# ---- 3. runtime: JRE only, non-root, read-only root filesystem ----------------------------------
FROM ${JRE_IMAGE}
ARG PULUMI_AWS_VERSION=6.83.0
LABEL org.opencontainers.image.title="tap-reconciler" \
      org.opencontainers.image.description="Keeps the TAP AWS topology converged with its Pulumi Java program" \
      io.tap.pulumi-aws.version="${PULUMI_AWS_VERSION}"

# A fixed numeric uid/gid so Kubernetes can check runAsNonRoot and fsGroup can own the data volume.
RUN groupadd --system --gid 10001 tap \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin tap \
 && mkdir -p /data /app/config \
 && chown 10001:10001 /data

WORKDIR /app
COPY --from=pulumi /opt/pulumi/bin/ /opt/pulumi/bin/
# Spring Boot layers, least to most often changed, so a code change ships a small layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# The data dir holds the file backend, the H2 history and PULUMI_HOME (workspaces, locks).
# The AWS plugin sits on PATH (an ambient plugin): nothing is fetched at run time.
# Heap is a share of the container limit; the rest is left for the pulumi CLI and the AWS
# provider plugin, which run as child processes and need several hundred MB during a refresh.
ENV TAP_DATA_DIR=/data \
    PULUMI_HOME=/data/.pulumi \
    PATH=/opt/pulumi/bin:${PATH} \
    PULUMI_SKIP_UPDATE_CHECK=true \
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true \
    JAVA_TOOL_OPTIONS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=40 -XX:InitialRAMPercentage=20 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

# application.yml is not baked in: mount it (the ConfigMap) at /app/config/application.yml.
VOLUME ["/data", "/tmp"]
EXPOSE 8080 8081
USER 10001:10001
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
