package io.ghlsync.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates requests sent to a GHL stand-in against GHL's official OpenAPI files (shared/ghl/openapi), strictly:
 * unknown body properties and unknown query parameters are errors. One validator per endpoint family, chosen by the
 * first path segment, because each family is its own spec file.
 */
public final class GhlOpenApi {

    /** GHL spec defects the parser reports; they do not touch request validation (see VALIDATING-REQUESTS.md). */
    private static final List<Pattern> KNOWN_SPEC_DEFECTS = List.of(
            Pattern.compile(".*Declared path parameter .* needs to be defined as a path parameter.*"),
            Pattern.compile(".*\\.examples is unexpected.*"),
            Pattern.compile(".*\\.items is missing.*"));

    private static GhlOpenApi instance;

    private final Map<String, OpenApiInteractionValidator> byFamily;

    private GhlOpenApi(Path openApiDir) {
        byFamily = Map.of(
                "contacts", validator(openApiDir.resolve("apps/contacts.json")),
                "calendars", validator(openApiDir.resolve("apps/calendars.json")),
                "locations", validator(openApiDir.resolve("apps/locations.json")),
                "oauth", validator(openApiDir.resolve("apps/oauth.json")));
    }

    /** Parsing the three specs takes a second or two: one instance per test JVM. */
    public static synchronized GhlOpenApi get() {
        if (instance == null) {
            instance = new GhlOpenApi(sharedDir().resolve("ghl/openapi"));
        }
        return instance;
    }

    static Path sharedDir() {
        String configured = System.getProperty("ghlsync.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        return Path.of("/work/shared");
    }

    /** Fails with every violation of every request when any request breaks GHL's OpenAPI. */
    public void assertValid(List<LoggedRequest> requests) {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest logged : requests) {
            ValidationReport report = validate(logged);
            if (report.hasErrors()) {
                StringBuilder text = new StringBuilder(logged.getMethod() + " " + logged.getUrl() + ":");
                report.getMessages().forEach(m -> {
                    text.append("\n  ").append(m.getKey()).append(": ").append(m.getMessage());
                    m.getAdditionalInfo().forEach(info -> text.append("\n    ").append(info));
                });
                problems.add(text.toString());
            }
        }
        if (problems.isEmpty() && requests.isEmpty()) {
            throw new AssertionError("no GHL requests to validate");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("requests violate GHL's OpenAPI:\n" + String.join("\n", problems));
        }
    }

    public ValidationReport validate(LoggedRequest logged) {
        URI uri = URI.create(logged.getAbsoluteUrl());
        String path = uri.getRawPath();
        String family = path.split("/").length > 1 ? path.split("/")[1] : "";
        OpenApiInteractionValidator validator = byFamily.get(family);
        if (validator == null) {
            throw new AssertionError("no GHL spec covers " + logged.getMethod() + " " + path);
        }
        SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(logged.getMethod().getName()), path);
        for (HttpHeader header : logged.getHeaders().all()) {
            b.withHeader(header.key(), header.values());
        }
        logged.getQueryParams().forEach((name, param) -> b.withQueryParam(name, param.values()));
        if (logged.getBody() != null && logged.getBody().length > 0) {
            b.withBody(logged.getBodyAsString());
        }
        return validator.validateRequest(b.build());
    }

    private static OpenApiInteractionValidator validator(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        SwaggerParseResult parsed = new OpenAPIParser().readLocation(spec.toAbsolutePath().toString(), null, options);
        if (parsed.getOpenAPI() == null) {
            throw new IllegalStateException("could not parse " + spec + ": " + parsed.getMessages());
        }
        List<String> unexpected = parsed.getMessages() == null ? List.of() : parsed.getMessages().stream()
                .filter(m -> KNOWN_SPEC_DEFECTS.stream().noneMatch(p -> p.matcher(m).matches()))
                .toList();
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("new kind of defect in " + spec + ": " + unexpected);
        }
        return OpenApiInteractionValidator.createFor(parsed.getOpenAPI())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                        .withLevel("validation.response", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }
}
