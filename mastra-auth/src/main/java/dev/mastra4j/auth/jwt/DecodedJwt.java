package dev.mastra4j.auth.jwt;

/**
 * A token that passed strict decoding but nothing else yet: its signature is unchecked. The byte arrays are handed
 * straight to the signature check; this record is never compared or hashed, so array identity in equals does not
 * matter.
 */
@SuppressWarnings("ArrayRecordComponent")
record DecodedJwt(JwtHeader header, JwtClaims claims, byte[] signingInput, byte[] signature) {}
