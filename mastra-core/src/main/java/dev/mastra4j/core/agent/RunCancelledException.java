package dev.mastra4j.core.agent;

import dev.mastra4j.core.error.MastraException;

/** A run was cancelled by its caller (stream closed, caller interrupted). 499 is nginx's "client closed request". */
final class RunCancelledException extends MastraException {

    RunCancelledException() {
        super(499, "Run cancelled");
    }
}
