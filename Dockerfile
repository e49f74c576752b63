# One image for the three Storyline services; docker-compose.yml picks the command.
FROM eclipse-temurin:17.0.16_8-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -Dmaven.test.skip=true -pl cli -am package

FROM eclipse-temurin:17.0.16_8-jre
WORKDIR /app
COPY --from=build /src/cli/target/storyline-cli.jar /app/storyline-cli.jar
COPY --from=build /src/cli/target/lib /app/lib
COPY seeds /app/seeds
RUN useradd --system --home /app storyline && mkdir -p /app/data && chown storyline /app/data
USER storyline
ENTRYPOINT ["java", "-Xmx2g", "-cp", "/app/storyline-cli.jar:/app/lib/*", "dev.storyline.cli.Storyline"]
