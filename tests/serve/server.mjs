// server.mjs - starts `noticescan serve` on 127.0.0.1 (a free port it picks)
// for a test, and stops it. The address comes from the line the server
// prints at start; nothing but loopback is ever contacted.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const binary = process.env.NOTICESCAN_BIN || path.join(root, "build/noticescan");

export async function startServer(extraArgs = []) {
  const child = spawn(binary, ["serve", "--listen", "127.0.0.1:0", "--token", ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, OMP_THREAD_LIMIT: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error("serve did not start in 30 s: " + stderr)), 30000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/reading notices at (http:\/\/127\.0\.0\.1:\d+\/\S*)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}: ${stderr}`)); });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get("t"),
    pid: child.pid,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      return await new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    },
  };
}

// Resident and peak memory of a process, in MB, from /proc.
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(status.match(new RegExp(name + ":\\s+(\\d+) kB"))[1]) / 1024;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

// The expected fields kept beside a sample image.
export function expectedFields(sample) {
  const stem = sample.replace(/\.(jpg|png|tif|heic)$/, "");
  const candidates = [`${sample}.expected.json`, `${stem}.expected.json`];
  for (const name of candidates) {
    try { return JSON.parse(readFileSync(path.join(root, "samples", name), "utf8")).expected; } catch { /* next */ }
  }
  throw new Error("no expected fields for " + sample);
}
