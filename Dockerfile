# mmkit container image: the CLI jar on a slim Java 17 runtime, run as a non-root user.
#
#   docker build -t mmkit:0.1.0 .
#   docker run --rm mmkit:0.1.0 --version
#   docker run --rm -v "$PWD/config:/etc/mmkit:ro" -v mmkit-data:/var/lib/mmkit \
#       mmkit:0.1.0 --strategy grid --config /etc/mmkit/demo-grid.json --duration 60s
#
# One bot per container, in the foreground: `docker stop` sends SIGTERM (STOPSIGNAL below), the bot cancels its
# orders and exits within shutdown.total_timeout (20 s by default). Give docker more than that:
# `docker stop -t 45`, or stop_grace_period in compose (docker's own default of 10 s is too short).

# --- build: the same command as the README's quick start -----------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# .git comes along (see .dockerignore) so --version names the commit; without it the commit is "unknown".
RUN mvn -B -q package -DskipTests

# --- runtime: a JRE only, no compiler, no Maven ---------------------------------------------------------------
FROM eclipse-temurin:17-jre-jammy
LABEL org.opencontainers.image.title="mmkit" \
      org.opencontainers.image.description="A market-making framework for the JVM" \
      org.opencontainers.image.licenses="Apache-2.0"

RUN groupadd --system --gid 10001 mmkit \
 && useradd --system --uid 10001 --gid mmkit --home-dir /var/lib/mmkit --shell /usr/sbin/nologin mmkit \
 && mkdir -p /opt/mmkit/bin /opt/mmkit/lib /etc/mmkit /var/lib/mmkit /var/log/mmkit \
 && chown mmkit:mmkit /var/lib/mmkit /var/log/mmkit

COPY --from=build /src/run/target/mmkit.jar /opt/mmkit/lib/mmkit.jar
COPY --from=build /src/bin/mmkit /opt/mmkit/bin/mmkit
COPY --from=build /src/config/ /opt/mmkit/config/
# The recorded sample (with its licence notices) that config/backtest-demo.json replays: a sweep Job runs as is.
COPY --from=build /src/data/samples/ /opt/mmkit/data/samples/
COPY --from=build /src/LICENSE /opt/mmkit/LICENSE

# The AppCDS archive, made once here from a config check (config binding, Jackson, the strategies) so every
# container starts with it mapped; read-only at run time.
RUN java -XX:ArchiveClassesAtExit=/opt/mmkit/lib/mmkit.jsa -Xlog:cds*=off -jar /opt/mmkit/lib/mmkit.jar \
        --strategy grid --config /opt/mmkit/config/demo-grid.json --check \
 && chmod 0444 /opt/mmkit/lib/mmkit.jsa

ENV MMKIT_CDS_ARCHIVE=/opt/mmkit/lib/mmkit.jsa \
    MMKIT_HOME=/var/lib/mmkit/daemon \
    PATH=/opt/mmkit/bin:$PATH

USER mmkit:mmkit
# A config's relative store.directory ("data") counts from here: /var/lib/mmkit/data.
WORKDIR /var/lib/mmkit
VOLUME ["/etc/mmkit", "/var/lib/mmkit", "/var/log/mmkit"]
# The bot's own HTTP endpoint (/health, /health/ready, /metrics) when its config has "http": {"port": 8080,
# "bind": "0.0.0.0"}; in a container it must bind 0.0.0.0 to be reached.
EXPOSE 8080

# The JVM handles SIGTERM like Ctrl+C: the clean shutdown (cancel, verify, save, close), then exit 0 or 1.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/mmkit/bin/mmkit"]
CMD ["--help"]
