// Proof of work for the portal's start and receipt forms (reporting/pow.py): find `work` so
// that sha256(token + ":" + work) starts with `bits` zero bits. Self-contained: no library,
// no network. Runs in a Web Worker so the page stays responsive.
"use strict";

var K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
var W = new Int32Array(64);
var H = new Int32Array(8);
var INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// One sha256 block (bytes[offset..offset+64)) into the state H.
function compress(bytes, offset) {
  var i;
  for (i = 0; i < 16; i++) {
    var at = offset + i * 4;
    W[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
  }
  for (i = 16; i < 64; i++) {
    var w15 = W[i - 15], w2 = W[i - 2];
    var s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    var s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
  for (i = 0; i < 64; i++) {
    var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
  H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
}

function leadingZeroBits() {
  var count = 0;
  for (var i = 0; i < 8; i++) {
    if (H[i] === 0) { count += 32; continue; }
    return count + Math.clz32(H[i]);
  }
  return count;
}

// The prefix's whole blocks are hashed once; each try hashes only the last one or two.
function solve(token, bits) {
  var prefix = token + ":";
  var head = new Uint8Array(prefix.length);
  for (var i = 0; i < prefix.length; i++) { head[i] = prefix.charCodeAt(i) & 0x7f; }
  var whole = prefix.length >> 6;
  for (i = 0; i < 8; i++) { H[i] = INIT[i]; }
  for (i = 0; i < whole; i++) { compress(head, i * 64); }
  var mid = new Int32Array(H);
  var rest = prefix.length - whole * 64;
  var tail = new Uint8Array(128);
  for (i = 0; i < rest; i++) { tail[i] = head[whole * 64 + i]; }
  for (var counter = 0; ; counter++) {
    var digits = String(counter);
    var end = rest + digits.length;
    for (i = 0; i < digits.length; i++) { tail[rest + i] = digits.charCodeAt(i); }
    var blocks = end + 9 > 64 ? 2 : 1;
    tail.fill(0, end, blocks * 64);
    tail[end] = 0x80;
    var length = prefix.length + digits.length;
    var bitsLength = length * 8;
    var last = blocks * 64;
    tail[last - 4] = (bitsLength >>> 24) & 0xff;
    tail[last - 3] = (bitsLength >>> 16) & 0xff;
    tail[last - 2] = (bitsLength >>> 8) & 0xff;
    tail[last - 1] = bitsLength & 0xff;
    H.set(mid);
    compress(tail, 0);
    if (blocks === 2) { compress(tail, 64); }
    if (leadingZeroBits() >= bits) { return digits; }
  }
}
self.onmessage = function (event) {
  self.postMessage({ work: solve(String(event.data.token), event.data.bits | 0) });
};
