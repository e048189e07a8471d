package dev.mastra4j.client;

/** Sampling settings for the model call; null fields are left to the server's defaults. */
public record ModelSettings(Double temperature, Integer maxOutputTokens, Double topP) {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Double temperature;
        private Integer maxOutputTokens;
        private Double topP;

        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder maxOutputTokens(int maxOutputTokens) {
            this.maxOutputTokens = maxOutputTokens;
            return this;
        }

        public Builder topP(double topP) {
            this.topP = topP;
            return this;
        }

        public ModelSettings build() {
            return new ModelSettings(temperature, maxOutputTokens, topP);
        }
    }
}
