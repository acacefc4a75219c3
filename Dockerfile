# Same steps as the README: build the jar with Maven, run it from a folder holding routes/ and application.properties.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app ghlsync
WORKDIR /app
COPY --from=build /src/target/ghl-sync.jar /app/ghl-sync.jar
# Mount your own over these to change routes or settings without rebuilding.
COPY routes /app/routes
COPY application.properties /app/application.properties
RUN mkdir -p /app/data && chown -R ghlsync /app/data
USER 10001
ENV PORT=8080
# Refuses to start without JWT_SECRET, GHL credentials, DATABASE_URL and signature checks (docs/security.md).
ENV APP_PROFILE=production
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=15s --timeout=3s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT}"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/ghl-sync.jar"]
