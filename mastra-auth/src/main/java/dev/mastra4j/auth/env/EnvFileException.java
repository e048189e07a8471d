package dev.mastra4j.auth.env;

/** A {@code .env} file exists but cannot be read or parsed. The message names the directory, not the content. */
public class EnvFileException extends IllegalStateException {

    public EnvFileException(String message) {
        super(message);
    }
}
