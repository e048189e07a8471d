package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.util.Base64URL;

/** A token that passed strict decoding but nothing else yet: its signature is unchecked. */
record DecodedJwt(JwtHeader header, JwtClaims claims, byte[] signingInput, Base64URL signature) {
}
