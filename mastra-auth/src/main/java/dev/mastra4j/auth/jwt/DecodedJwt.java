package dev.mastra4j.auth.jwt;

/** A token that passed strict decoding but nothing else yet: its signature is unchecked. */
record DecodedJwt(JwtHeader header, JwtClaims claims, byte[] signingInput, byte[] signature) {}
