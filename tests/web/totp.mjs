// One-time codes as an authenticator app makes them, so the browser checks
// can sign in with the second factor: TOTP (RFC 6238 over RFC 4226's HOTP)
// with HMAC-SHA1, 30 s steps and 6 digits, the parameters engage-admin
// add-user prints in its otpauth:// URI. node:crypto only.

import { createHmac } from "node:crypto";

// RFC 4648 base32, as in the otpauth URI's `secret`; padding optional.
export function base32Decode(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.toUpperCase().replace(/=+$/, "")) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = ((value << 5) | v) & 0xffff; // only the bits not yet written matter
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The 6-digit code for time step `step` (Unix seconds / 30).
export function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, "0");
}

// The time step now.
export const currentStep = () => Math.floor(Date.now() / 1000 / 30);
