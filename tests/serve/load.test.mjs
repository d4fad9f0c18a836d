// load.test.mjs - the server under a mixed load on 127.0.0.1 only, bounded in
// count (200 requests) and time: good photos among truncated uploads, a PNG
// bomb, a text file, empty bodies, wrong or missing tokens and dropped
// connections, 8 at a time. The server must stay up, read every good photo
// right, answer every bad request with a clear 4xx, and keep its memory flat.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { root, startServer, memoryOf, expectedFields } from "./server.mjs";

const GOOD = ["cp2000-phone.jpg", "cp14-scan.png", "cp12-scan.png", "ltr1058-scan.png", "cp3219a-scan.png",
              "cp90-phone-exif.jpg"];
const FIELDS = ["notice_code", "tax_year", "amount_due", "response_date", "notice_date"];

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

// A valid PNG header for a 60000x60000 image whose first rows are all there is:
// a reader that decodes before checking the size would need 3.6 GB.
function pngBomb() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(60000, 0);
  header.writeUInt32BE(60000, 4);
  header[8] = 8; header[9] = 0; // 8-bit gray
  const rows = zlib.deflateSync(Buffer.alloc(60001 * 64));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header),
                        chunk("IDAT", rows), chunk("IEND", Buffer.alloc(0))]);
}

function multipart(files) {
  const form = new FormData();
  for (const [name, bytes, type] of files) form.append("photo", new Blob([bytes], { type }), name);
  return form;
}

// Announces a 1 MB upload, sends 1 KB and hangs up: the server must shrug it off.
function droppedUpload(origin, token) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`POST /api/read?t=${token} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: image/jpeg\r\n` +
                   `Content-Length: 1048576\r\n\r\n` + "x".repeat(1024));
      setTimeout(() => { socket.destroy(); resolve({ status: "dropped" }); }, 50);
    });
    socket.on("error", () => resolve({ status: "dropped" }));
  });
}

function makeRequests(origin, token) {
  const good = GOOD.map((name) => [name, readFileSync(path.join(root, "samples", name))]);
  const cut = good.map(([name, bytes]) => [name, bytes.subarray(0, Math.floor(bytes.length / 3))]);
  const bomb = pngBomb();
  const text = Buffer.from("Dear customer, this is not a picture.\n".repeat(20));
  const read = `${origin}/api/read?t=${token}`;
  const kinds = [
    (i) => ({ kind: "good", sample: good[i % good.length][0],
              init: { method: "POST", body: multipart([[good[i % good.length][0], good[i % good.length][1], "image/jpeg"]]) } }),
    (i) => ({ kind: "truncated", expect: [422], init: { method: "POST", body: cut[i % cut.length][1],
              headers: { "Content-Type": "application/octet-stream" } } }),
    () => ({ kind: "bomb", expect: [413], init: { method: "POST", body: multipart([["bomb.png", bomb, "image/png"]]) } }),
    () => ({ kind: "text", expect: [415], init: { method: "POST", body: multipart([["notes.jpg", text, "image/jpeg"]]) } }),
    () => ({ kind: "empty", expect: [400], init: { method: "POST", body: Buffer.alloc(0),
              headers: { "Content-Type": "application/octet-stream" } } }),
    () => ({ kind: "wrong token", expect: [403], url: `${origin}/api/read?t=0123456789abcdef0123456789abcdef`,
              init: { method: "POST", body: text } }),
    () => ({ kind: "no token", expect: [403], url: `${origin}/`, init: { method: "GET" } }),
    () => ({ kind: "dropped", dropped: true }),
    () => ({ kind: "unknown code", expect: [404], url: `${origin}/api/explain/XX99?t=${token}`, init: { method: "GET" } }),
    () => ({ kind: "bad fields", expect: [422], url: `${origin}/api/plan?t=${token}`,
              init: { method: "POST", body: "{\"fields\": [1, 2", headers: { "Content-Type": "application/json" } } }),
  ];
  // 3 good photos in every 10 requests: 60 OCR reads in all, the rest fast rejections.
  const pattern = [0, 1, 2, 0, 3, 4, 0, 5, 6, 7, 8, 9];
  return Array.from({ length: 200 }, (_, i) => ({ url: read, ...kinds[pattern[i % pattern.length]](i) }));
}

test("200 mixed requests, 8 at a time, on 127.0.0.1", { timeout: 900000 }, async () => {
  const server = await startServer(["-j", "2", "--queue", "16", "--max-upload-mb", "20"]);
  try {
    const requests = makeRequests(server.origin, server.token);
    const latencies = [];
    const failures = [];
    let next = 0, done = 0, warm = null;
    async function worker() {
      while (next < requests.length) {
        const request = requests[next++];
        const started = performance.now();
        if (request.dropped) { await droppedUpload(server.origin, server.token); continue; }
        const response = await fetch(request.url, request.init);
        const body = await response.text();
        const elapsed = performance.now() - started;
        let json = null;
        try { json = JSON.parse(body); } catch { /* the page is HTML */ }
        if (request.kind === "good") {
          latencies.push(elapsed);
          const expected = expectedFields(request.sample);
          if (response.status !== 200 || !json) failures.push(`${request.sample}: HTTP ${response.status} ${body.slice(0, 200)}`);
          else for (const field of FIELDS) {
            const got = json.fields[field] ? json.fields[field].value : null;
            if (JSON.stringify(got) !== JSON.stringify(expected[field] ?? null))
              failures.push(`${request.sample}: ${field} ${JSON.stringify(got)} != ${JSON.stringify(expected[field])}`);
          }
        } else if (!request.expect.includes(response.status)) {
          failures.push(`${request.kind}: HTTP ${response.status}, expected ${request.expect}: ${body.slice(0, 200)}`);
        } else if (request.kind !== "no token" && !(json && json.error && json.error.message && json.error.code)) {
          failures.push(`${request.kind}: no {error: {code, message}} in ${body.slice(0, 200)}`);
        }
        if (++done === 24) warm = memoryOf(server.pid);
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker));
    assert.ok(server.alive(), "the server died: " + server.stderr());
    const after = memoryOf(server.pid);
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)];
    const p95 = latencies[Math.floor(latencies.length * 0.95)];
    console.log(`serve load: ${latencies.length} photos, latency median ${(median / 1000).toFixed(2)} s, ` +
                `p95 ${(p95 / 1000).toFixed(2)} s; RSS after warm-up ${warm.rss.toFixed(0)} MB, at the end ` +
                `${after.rss.toFixed(0)} MB, peak ${after.peak.toFixed(0)} MB`);
    assert.deepEqual(failures, []);
    // Flat: what the last 176 requests added stays well under one more engine's worth (about 60 MB).
    assert.ok(after.rss - warm.rss < 60, `RSS grew from ${warm.rss} MB to ${after.rss} MB`);
  } finally {
    await server.stop();
  }
});
