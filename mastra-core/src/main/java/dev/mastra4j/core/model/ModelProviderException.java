package dev.mastra4j.core.model;

import dev.mastra4j.core.error.MastraException;

/** The model provider failed (502). The message holds a short cause only: never keys or upstream bodies. */
public class ModelProviderException extends MastraException {

    public ModelProviderException(String shortCause, Throwable cause) {
        super(502, "Model provider error: " + shortCause, cause);
    }
}
