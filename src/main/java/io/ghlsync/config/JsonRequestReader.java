package io.ghlsync.config;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Route step: replaces the raw HTTP body with the checked JSON request (see {@link RequestValidator#read}). */
public class JsonRequestReader implements Processor {

    private final RequestValidator validator;
    private final String schema;

    public JsonRequestReader(RequestValidator validator, String schema) {
        this.validator = validator;
        this.schema = schema;
    }

    @Override
    public void process(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(validator.read(contentType, body, schema));
    }
}
