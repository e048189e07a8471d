/**
 * Models: Mastra-style model strings resolved to LangChain4j models per provider, the offline stand-in model, and
 * model failures (502, 504).
 */
package dev.mastra4j.core.model;
