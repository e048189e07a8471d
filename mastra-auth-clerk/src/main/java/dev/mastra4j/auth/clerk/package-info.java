/**
 * Clerk authentication: {@link dev.mastra4j.auth.clerk.MastraAuthClerk} (the provider and its builder), the principals
 * it yields ({@code ClerkUser}, {@code MachineIdentity}), settings, token routing and organization permissions.
 */
package dev.mastra4j.auth.clerk;
