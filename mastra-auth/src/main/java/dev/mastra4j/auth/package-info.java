/**
 * The provider-neutral auth pipeline, split as a resource server splits it: token resolution, provider verification
 * and user mapping, authorization rules, and the typed rejection reasons ({@link dev.mastra4j.auth.AuthReason}).
 */
package dev.mastra4j.auth;
