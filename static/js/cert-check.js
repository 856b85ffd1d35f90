/* Checks the proof a certificate's QR code carries, in the browser, with no server:
   the compact facts after "#" in its address, signed with the programme's Ed25519 key
   (camp/certificates/qr.py makes them and explains the format; this is its reader).
   Two layouts, told apart by the first byte: a girl's camp certificate and a
   household's GALS certificate (gals/certificates.py, FAMILY_QR).
   A classic script: self.CertCheck, for the verifier page and node's test runner.

   The signature is checked with the browser's own Ed25519 (WebCrypto) where it has
   one; where it does not (older Android browsers), with the arithmetic of RFC 8032
   below, on BigInt, fed by the browser's SHA-512. Both say the same: the tests check
   them against the same signatures. */
(function (root) {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$*+-./:";
  var TRACKS = ["soldering", "modelling", "programming", "university", "softskills"];
  var LANGUAGES = ["ky", "ru"];
  var EXTRA = "ЁёҢңӨөҮүІіЎўҚқҒғҺһӘәҖҗ…";
  var EPOCH = Date.UTC(2020, 0, 1);
  var CODE = /^[0-9A-Z]{11}$/;

  /* As qr.Layout in Python: the signed tag and facts, and how the bytes carry them. */
  var LAYOUTS = {
    1: {
      kind: "camp",
      tag: "tc-qr-1",
      fields: [
        "code",
        "version",
        "first_name",
        "initial",
        "camp",
        "village",
        "first_day",
        "last_day",
        "days_attended",
        "tracks",
        "language",
        "signed_on",
      ],
      head: ["version", "flags", "days_attended"],
      days: ["first_day", "last_day", "signed_on"],
      texts: ["first_name", "initial", "camp", "village"],
      choices: TRACKS,
      choiceName: "tracks",
    },
    2: {
      kind: "family",
      tag: "tc-fqr-1",
      fields: [
        "code",
        "girls",
        "village",
        "first_day",
        "last_day",
        "sessions_attended",
        "language",
        "signed_on",
      ],
      head: ["flags", "sessions_attended"],
      days: ["first_day", "last_day", "signed_on"],
      texts: ["girls", "village"],
      choices: [],
      choiceName: "",
    },
  };

  function NotACertificate(why) {
    this.message = why;
  }

  function fromText(text) {
    if (text.length % 3 === 1) throw new NotACertificate("length");
    var out = [];
    for (var i = 0; i < text.length; i += 3) {
      var n = 0,
        scale = 1,
        size = Math.min(3, text.length - i);
      for (var j = 0; j < size; j++) {
        var value = ALPHABET.indexOf(text.charAt(i + j));
        if (value < 0) throw new NotACertificate("character");
        n += value * scale;
        scale *= 43;
      }
      if (size === 3) {
        if (n > 0xffff) throw new NotACertificate("chunk");
        out.push(n >> 8, n & 0xff);
      } else {
        if (n > 0xff) throw new NotACertificate("chunk");
        out.push(n);
      }
    }
    return new Uint8Array(out);
  }

  function unpackText(bytes) {
    var chars = [];
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b >= 0x20 && b < 0x7f) chars.push(String.fromCharCode(b));
      else if (b >= 0x80 && b < 0xc0) chars.push(String.fromCharCode(0x410 + b - 0x80));
      else if (b >= 0xc0 && b < 0xc0 + EXTRA.length) chars.push(EXTRA.charAt(b - 0xc0));
      else if (b === 0x01 && i + 3 < bytes.length) {
        var point = (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3];
        if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff))
          throw new NotACertificate("character");
        chars.push(String.fromCodePoint(point));
        i += 3;
      } else throw new NotACertificate("character");
    }
    return chars.join("");
  }

  function day(number) {
    return new Date(EPOCH + number * 86400000).toISOString().slice(0, 10);
  }

  function hex(bytes) {
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b < 16 ? "0" : "") + b.toString(16);
      })
      .join("");
  }

  /* The key id, signature, facts and layout carried after "#"; code: the one in the
     address. */
  function unpack(code, text) {
    code = String(code || "")
      .toUpperCase()
      .replace(/[\s-]/g, "");
    if (!CODE.test(code)) throw new NotACertificate("code");
    var data = fromText(
      String(text || "")
        .trim()
        .toUpperCase(),
    );
    var layout = data.length ? LAYOUTS[data[0]] : undefined;
    if (!layout || data.length < 70 + layout.head.length + 2 * layout.days.length) {
      throw new NotACertificate("format");
    }
    var facts = { code: code };
    var at = 70;
    layout.head.forEach(function (name) {
      if (name === "flags") {
        var flags = data[at];
        if (flags & 0x7f & ~((1 << layout.choices.length) - 1))
          throw new NotACertificate("choices");
        facts.language = LANGUAGES[flags >> 7];
        if (layout.choiceName) {
          facts[layout.choiceName] = layout.choices.filter(function (choice, i) {
            return flags & (1 << i);
          });
        }
      } else facts[name] = data[at];
      at += 1;
    });
    layout.days.forEach(function (name) {
      facts[name] = day((data[at] << 8) | data[at + 1]);
      at += 2;
    });
    layout.texts.forEach(function (name) {
      if (at >= data.length) throw new NotACertificate("short");
      var size = data[at];
      if (at + 1 + size > data.length) throw new NotACertificate("short");
      facts[name] = unpackText(data.subarray(at + 1, at + 1 + size));
      at += 1 + size;
    });
    if (at !== data.length) throw new NotACertificate("trailing");
    return {
      keyId: "tc-" + hex(data.subarray(1, 6)),
      signature: data.slice(6, 70),
      facts: facts,
      layout: layout,
    };
  }

  /* The signed bytes: the same compact JSON array as qr.canonical in Python. */
  function canonical(keyId, facts, layout) {
    layout = layout || LAYOUTS[1];
    var values = [layout.tag, keyId].concat(
      layout.fields.map(function (name) {
        return facts[name];
      }),
    );
    return new TextEncoder().encode(JSON.stringify(values));
  }

  function unb64(text) {
    var plain = text.replace(/-/g, "+").replace(/_/g, "/");
    while (plain.length % 4) plain += "=";
    var raw = atob(plain),
      out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  /* --- Ed25519 verification (RFC 8032, section 5.1.7) without WebCrypto's Ed25519 --- */
  var curve = null;
  function setUp() {
    if (curve) return curve;
    var B = BigInt,
      P = B(2) ** B(255) - B(19);
    var mod = function (a) {
      var r = a % P;
      return r < B(0) ? r + P : r;
    };
    var pow = function (base, exp) {
      var result = B(1);
      base = mod(base);
      while (exp > B(0)) {
        if (exp & B(1)) result = mod(result * base);
        base = mod(base * base);
        exp >>= B(1);
      }
      return result;
    };
    var inv = function (a) {
      return pow(a, P - B(2));
    };
    var D = mod(B(-121665) * inv(B(121666)));
    var by = mod(B(4) * inv(B(5)));
    curve = {
      B: B,
      P: P,
      mod: mod,
      pow: pow,
      inv: inv,
      D: D,
      D2: mod(B(2) * D),
      I: pow(B(2), (P - B(1)) / B(4)),
      L: B(2) ** B(252) + B("27742317777372353535851937790883648493"),
      by: by,
    };
    curve.base = decode(encodeY(by, 0));
    return curve;
  }

  function little(bytes) {
    var n = BigInt(0);
    for (var i = bytes.length - 1; i >= 0; i--) n = (n << BigInt(8)) + BigInt(bytes[i]);
    return n;
  }

  function encodeY(y, sign) {
    var out = new Uint8Array(32);
    for (var i = 0; i < 32; i++) {
      out[i] = Number(y & BigInt(255));
      y >>= BigInt(8);
    }
    out[31] |= sign << 7;
    return out;
  }

  function decode(bytes) {
    var c = curve,
      B = c.B,
      mod = c.mod;
    var copy = bytes.slice();
    var sign = copy[31] >> 7;
    copy[31] &= 0x7f;
    var y = little(copy);
    if (y >= c.P) return null;
    var u = mod(y * y - B(1)),
      v = mod(c.D * y * y + B(1));
    var v3 = mod(v * v * v);
    var x = mod(u * v3 * c.pow(u * v3 * v3 * v, (c.P - B(5)) / B(8)));
    var vx2 = mod(v * x * x);
    if (vx2 !== u) {
      if (vx2 !== mod(-u)) return null;
      x = mod(x * c.I);
    }
    if (x === B(0) && sign) return null;
    if (Number(x & B(1)) !== sign) x = c.P - x;
    return [x, y, B(1), mod(x * y)];
  }

  function add(p, q) {
    var c = curve,
      mod = c.mod;
    var a = mod((p[1] - p[0]) * (q[1] - q[0])),
      b = mod((p[1] + p[0]) * (q[1] + q[0]));
    var cc = mod(p[3] * c.D2 * q[3]),
      d = mod(BigInt(2) * p[2] * q[2]);
    var e = b - a,
      f = d - cc,
      g = d + cc,
      h = b + a;
    return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
  }

  function times(scalar, point) {
    var B = BigInt,
      result = [B(0), B(1), B(1), B(0)];
    while (scalar > B(0)) {
      if (scalar & B(1)) result = add(result, point);
      point = add(point, point);
      scalar >>= B(1);
    }
    return result;
  }

  function encode(point) {
    var c = curve,
      z = c.inv(point[2]);
    var x = c.mod(point[0] * z),
      y = c.mod(point[1] * z);
    return encodeY(y, Number(x & BigInt(1)));
  }

  function same(a, b) {
    if (a.length !== b.length) return false;
    var diff = 0;
    for (var i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  function verifyWithoutWebCrypto(subtle, publicKey, signature, message) {
    if (typeof BigInt !== "function") return Promise.reject(new Error("no BigInt"));
    var c = setUp();
    if (publicKey.length !== 32 || signature.length !== 64) return Promise.resolve(false);
    var A = decode(publicKey);
    var s = little(signature.subarray(32));
    if (!A || s >= c.L) return Promise.resolve(false);
    var joined = new Uint8Array(64 + message.length);
    joined.set(signature.subarray(0, 32));
    joined.set(publicKey, 32);
    joined.set(message, 64);
    return subtle.digest("SHA-512", joined).then(function (digest) {
      var k = little(new Uint8Array(digest)) % c.L;
      var minusA = [c.mod(-A[0]), A[1], A[2], c.mod(-A[3])];
      var R = add(times(s, c.base), times(k, minusA));
      return same(encode(R), signature.subarray(0, 32));
    });
  }

  function verifyWebCrypto(subtle, publicKey, signature, message) {
    return subtle
      .importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"])
      .then(function (key) {
        return subtle.verify({ name: "Ed25519" }, key, signature, message);
      });
  }

  /* true/false; rejects only when this browser can check nothing at all. */
  function verify(subtle, publicKey, signature, message, noWebCrypto) {
    if (!subtle) return Promise.reject(new Error("no WebCrypto"));
    var fallback = function () {
      return verifyWithoutWebCrypto(subtle, publicKey, signature, message);
    };
    if (noWebCrypto) return fallback();
    return verifyWebCrypto(subtle, publicKey, signature, message).catch(fallback);
  }

  /* The address a QR code or a pasted link holds: its code and its proof (or none). */
  function parseLink(text) {
    text = String(text || "").trim();
    var hash = text.indexOf("#");
    var proof = hash >= 0 ? text.slice(hash + 1) : "";
    var before = hash >= 0 ? text.slice(0, hash) : text;
    var found = /\/verify\/([0-9A-Za-z-]+)\/?(?:\?.*)?$/.exec(before);
    if (found && found[1].toLowerCase() !== "scan") return { code: found[1], proof: proof };
    if (/^[0-9A-Za-z\s-]{6,20}$/.test(before) && !proof) return { code: before, proof: "" };
    return null;
  }

  /* The whole check: {outcome, kind ("camp" or "family"), facts, keyId, revokedOn}. outcome: "valid", "revoked",
     "tampered", "unknown_key", "not_a_certificate" (or "cannot_check": no crypto). */
  function check(code, proof, keys, status, options) {
    options = options || {};
    var compact;
    try {
      compact = unpack(code, proof);
    } catch (error) {
      if (error instanceof NotACertificate)
        return Promise.resolve({ outcome: "not_a_certificate" });
      throw error;
    }
    var facts = compact.facts;
    var key = ((keys && keys.keys) || []).filter(function (k) {
      return k.kid === compact.keyId;
    })[0];
    if (!key) return Promise.resolve({ outcome: "unknown_key", keyId: compact.keyId });
    var tampered = { outcome: "tampered", keyId: compact.keyId };
    if (
      (key.valid_from && facts.signed_on < key.valid_from) ||
      (key.valid_until && facts.signed_on > key.valid_until)
    )
      return Promise.resolve(tampered);
    var subtle = options.subtle || (root.crypto && root.crypto.subtle);
    var kind = compact.layout.kind;
    return verify(
      subtle,
      unb64(key.public_key),
      compact.signature,
      canonical(compact.keyId, facts, compact.layout),
      options.noWebCrypto,
    ).then(
      function (good) {
        if (!good) return tampered;
        var revokedOn = status && status.revoked ? status.revoked[facts.code] : undefined;
        return {
          outcome: revokedOn ? "revoked" : "valid",
          kind: kind,
          facts: facts,
          keyId: compact.keyId,
          revokedOn: revokedOn || null,
        };
      },
      function () {
        return { outcome: "cannot_check", kind: kind, facts: facts, keyId: compact.keyId };
      },
    );
  }

  root.CertCheck = {
    unpack: unpack,
    canonical: canonical,
    check: check,
    parseLink: parseLink,
    verify: verify,
    NotACertificate: NotACertificate,
  };
})(typeof self !== "undefined" ? self : this);
