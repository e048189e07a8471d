package dev.mastra4j.core.model;

import dev.mastra4j.core.error.MastraException;

/** The model provider did not answer in time (504). */
public class ModelTimeoutException extends MastraException {

    public ModelTimeoutException(String shortCause, Throwable cause) {
        super(504, "Model provider error: " + shortCause, cause);
    }
}
