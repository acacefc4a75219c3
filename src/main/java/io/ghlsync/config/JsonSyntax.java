package io.ghlsync.config;

import com.fasterxml.jackson.core.JacksonException;
import java.util.Locale;

/**
 * What is wrong with a body that is not JSON, in the caller's words: where, and what kind of mistake. Jackson's own
 * message is not passed on: it names parser internals (StreamReadConstraints, token classes) and quotes the input.
 */
public final class JsonSyntax {

    private JsonSyntax() {}

    public static String describe(JacksonException e) {
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().toLowerCase(Locale.ROOT);
        String what;
        if (raw.contains("nesting depth")) {
            what = "nested too deeply";
        } else if (raw.contains("end-of-input")) {
            what = "the JSON ends too early";
        } else if (raw.contains("length") && raw.contains("exceeds")) {
            what = "a value is too long";
        } else if (raw.contains("unexpected character") || raw.contains("unrecognized token")) {
            what = "unexpected character";
        } else if (raw.contains("duplicate field")) {
            what = "a field appears twice";
        } else if (raw.contains("trailing token") || raw.contains("trailing")) {
            what = "text after the JSON value";
        } else {
            what = "not valid JSON";
        }
        return where + what;
    }
}
