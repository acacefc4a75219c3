package io.ghlsync.webhook;

import io.ghlsync.config.ApiException;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First gate of the intake, before any parsing: the body must be declared JSON and be non-empty. Leaves the body as
 * the raw {@code byte[]} the signature is checked over.
 */
public class WebhookRequestCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw new ApiException(415, "Unsupported content type",
                    List.of(new ApiException.FieldError("Content-Type", "must be application/json")));
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new ApiException(400, "Empty body",
                    List.of(new ApiException.FieldError("body", "a JSON webhook event is required")));
        }
        exchange.getMessage().setBody(body);
    }

    /** application/json or any +json type, with optional parameters such as charset=utf-8. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }
}
