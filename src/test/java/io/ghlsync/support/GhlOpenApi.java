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
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates requests sent to a GHL stand-in against GHL's official OpenAPI files, strictly: unknown body properties
 * and unknown query parameters are errors. One validator per endpoint family, chosen by the first path segment,
 * because each family is its own spec file. The files are the reduced copy on the test classpath (ghl/openapi, written
 * by scripts/copy-ghl-reference.py): only the operations ghl-sync uses, with all their schemas.
 */
public final class GhlOpenApi {

    /**
     * GHL spec defects the parser reports; they do not touch request validation. The validator's own loader
     * (createForSpecificationUrl) treats any parser message as fatal, so the files are parsed here and only these
     * kinds are let through: an undeclared path parameter, the 3.1 keyword {@code examples} in a 3.0 schema (the
     * calendars appointment schemas still have it in the reduced copy) and an array schema without {@code items}.
     */
    private static final List<Pattern> KNOWN_SPEC_DEFECTS = List.of(
            Pattern.compile(".*Declared path parameter .* needs to be defined as a path parameter.*"),
            Pattern.compile(".*\\.examples is unexpected.*"),
            Pattern.compile(".*\\.items is missing.*"));

    private static GhlOpenApi instance;

    private final Map<String, OpenApiInteractionValidator> byFamily;

    private GhlOpenApi() {
        byFamily = Map.of(
                "contacts", validator(spec("apps/contacts.json")),
                "calendars", validator(spec("apps/calendars.json")),
                "locations", validator(spec("apps/locations.json")),
                "oauth", validator(spec("apps/oauth.json")));
    }

    /** Parsing the specs takes a second or two: one instance per test JVM. */
    public static synchronized GhlOpenApi get() {
        if (instance == null) {
            instance = new GhlOpenApi();
        }
        return instance;
    }

    /**
     * A spec file on the test classpath, as a URL the parser reads; its relative $ref to
     * ../common/common-schemas.json resolves beside it.
     */
    static String spec(String name) {
        URL url = GhlOpenApi.class.getResource("/ghl/openapi/" + name);
        if (url == null) {
            throw new IllegalStateException("ghl/openapi/" + name + " is not on the test classpath"
                    + " (src/test/resources/ghl, written by scripts/copy-ghl-reference.py)");
        }
        return url.toExternalForm();
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

    private static OpenApiInteractionValidator validator(String spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        SwaggerParseResult parsed = new OpenAPIParser().readLocation(spec, null, options);
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
