/**
 * Strict JWT verification: decoding, key sources (static keys and JWKS with their refresh rules), signature checks,
 * composable claim validators, the verified-token cache, and {@code MastraJwtAuth}.
 */
package dev.mastra4j.auth.jwt;
