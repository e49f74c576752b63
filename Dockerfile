# One image for the three Storyline services; docker-compose.yml picks the command.
FROM eclipse-temurin:17.0.16_8-jdk AS build
WORKDIR /src
COPY . .
# CoreNLP's models jar (~450 MB) is fetched into the Maven cache, kept between builds by the cache
# mount; module models/ takes from it only the NER classifiers the pipeline loads (~68 MB), so the
# full jar stays in this stage and /app/lib gets the small one.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Dmaven.test.skip=true -pl cli -am package

FROM eclipse-temurin:17.0.16_8-jre
WORKDIR /app
COPY --from=build /src/cli/target/storyline-cli.jar /app/storyline-cli.jar
COPY --from=build /src/cli/target/lib /app/lib
COPY seeds /app/seeds
RUN useradd --system --home /app storyline && mkdir -p /app/data && chown storyline /app/data
USER storyline
# -XX:-TieredCompilation as in ./storyline: CoreNLP tags 1.3-1.5x faster with C2 only.
ENTRYPOINT ["java", "-Xmx2g", "-XX:-TieredCompilation", "-cp", "/app/storyline-cli.jar:/app/lib/*", "dev.storyline.cli.Storyline"]
