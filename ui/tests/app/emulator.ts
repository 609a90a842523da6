/**
 * The family-account cloud for the real app: the local AWS emulator of infrastructure/local
 * (moto with real SRP sign-in), freshly provisioned for one test file, plus what a test needs
 * from outside the app: the codes the emulator "emailed" and accounts an administrator creates.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants, createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { readLine, REPO_DIR } from "./environment";

const run = promisify(execFile);

export const EMULATOR_DIR = join(REPO_DIR, "infrastructure/local");
const VENV_PYTHON = join(EMULATOR_DIR, ".venv/bin/python");

/** The cloud settings provision.py writes (the app reads them through NOCOMELON_CONFIG). */
export interface CloudConfig {
  region: string;
  user_pool_id: string;
  client_id: string;
  identity_pool_id: string;
  bucket: string;
  library_table: string;
  endpoint_url: string;
}

export interface Emulator {
  url: string;
  configPath: string;
  config: CloudConfig;
  /** The codes the emulator "emailed" to this address: sign-up and password reset. */
  codes: (email: string) => Promise<{ sign_up?: string; forgot_password?: string }>;
  /** An account an administrator created with a temporary password (it must choose a new one). */
  adminCreateUser: (email: string, temporaryPassword: string) => Promise<void>;
  /** Every S3 key in the bucket and every library item, as an administrator sees them. */
  cloudContents: () => Promise<{ keys: string[]; library: Record<string, string>[] }>;
  stop: () => Promise<void>;
}

function venvReady(): boolean {
  const check = spawnSync(
    VENV_PYTHON,
    ["-c", "import moto, boto3, werkzeug; assert moto.__version__ == '5.2.5', moto.__version__"],
    { encoding: "utf8" },
  );
  return check.status === 0;
}

/** infrastructure/local/.venv with requirements.txt, created on first use. */
export function ensureEmulatorVenv(): void {
  let exists = true;
  try {
    accessSync(VENV_PYTHON, constants.X_OK);
  } catch {
    exists = false;
  }
  if (exists && venvReady()) return;
  if (!exists) {
    const python = spawnSync("python3", ["-m", "venv", join(EMULATOR_DIR, ".venv")], { encoding: "utf8" });
    if (python.error || python.status !== 0) {
      throw new Error(
        `python3 -m venv infrastructure/local/.venv failed (${python.error?.message ?? python.stderr.trim()}). ` +
          "The account test needs Python 3 with venv: install it with: apt install python3 python3-venv",
      );
    }
  }
  console.log("Installing the local AWS emulator (moto) into infrastructure/local/.venv…");
  const pip = spawnSync(VENV_PYTHON, ["-m", "pip", "install", "--quiet", "-r", join(EMULATOR_DIR, "requirements.txt")], {
    stdio: "inherit",
  });
  if (pip.status !== 0) {
    throw new Error(
      "pip install -r infrastructure/local/requirements.txt failed; see the output above. It needs pip (apt install python3-pip) and access to PyPI.",
    );
  }
  if (!venvReady()) throw new Error(`moto 5.2.5 is still not importable from ${VENV_PYTHON}.`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const term = setTimeout(() => child.kill("SIGTERM"), 1000);
    const kill = setTimeout(() => child.kill("SIGKILL"), 4000);
    child.once("exit", () => {
      clearTimeout(term);
      clearTimeout(kill);
      done();
    });
    // The launcher runs with --exit-with-stdin: closing its input is the polite way to stop it.
    child.stdin?.end();
  });
}

/** Starts the emulator, provisions a fresh user pool, identity pool, bucket and tables, and writes the config. */
export async function startEmulator(logPath: string): Promise<Emulator> {
  ensureEmulatorVenv();
  const dir = await mkdtemp(join(tmpdir(), "nocomelon-emulator-"));
  const log = createWriteStream(logPath);
  const launcher = spawn(VENV_PYTHON, [join(EMULATOR_DIR, "moto_launcher.py"), "--port", "0", "--exit-with-stdin"], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  launcher.stderr?.pipe(log, { end: false });
  const stop = async () => {
    await stopProcess(launcher);
    log.end();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const exited = new Promise<never>((_, fail) =>
      launcher.once("exit", (code) => fail(new Error(`moto_launcher.py exited (${code}) before it was ready; see ${logPath}`))),
    );
    exited.catch(() => {});
    const line = await Promise.race([
      readLine(launcher.stdout as NodeJS.ReadableStream, "The local AWS emulator (moto_launcher.py)", 90_000),
      exited,
    ]);
    const ready = JSON.parse(line) as { url?: string };
    if (!ready.url) throw new Error(`moto_launcher.py printed ${line}, without a url.`);
    const url = ready.url;
    const configPath = join(dir, "cloud.json");
    try {
      await run(VENV_PYTHON, [join(EMULATOR_DIR, "provision.py"), "--endpoint-url", url, "--out", configPath]);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new Error(`provision.py could not create the app's resources in the emulator: ${stderr}`, { cause: error });
    }
    const config = JSON.parse(await readFile(configPath, "utf8")) as CloudConfig;

    const codes = async (email: string) => {
      const query = new URLSearchParams({ user_pool_id: config.user_pool_id, username: email });
      const response = await fetch(`${url}/_nocomelon/codes?${query.toString()}`);
      if (!response.ok) throw new Error(`The emulator's control API answered ${response.status} for the codes of ${email}.`);
      return (await response.json()) as { sign_up?: string; forgot_password?: string };
    };

    const adminCreateUser = async (email: string, temporaryPassword: string) => {
      // As an administrator would in the AWS console: the account exists, its email is verified,
      // and the first sign-in must replace the temporary password.
      const script = [
        "import sys, boto3",
        "endpoint, region, pool, email, password = sys.argv[1:6]",
        "idp = boto3.client('cognito-idp', endpoint_url=endpoint, region_name=region, aws_access_key_id='emulator', aws_secret_access_key='emulator')",
        "idp.admin_create_user(UserPoolId=pool, Username=email, TemporaryPassword=password, MessageAction='SUPPRESS',",
        "    UserAttributes=[{'Name': 'email', 'Value': email}, {'Name': 'email_verified', 'Value': 'true'}])",
      ].join("\n");
      try {
        await run(VENV_PYTHON, ["-c", script, url, config.region, config.user_pool_id, email, temporaryPassword]);
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? String(error);
        throw new Error(`AdminCreateUser for ${email} failed in the emulator: ${stderr}`, { cause: error });
      }
    };

    const cloudContents = async () => {
      // What the family's space holds, read from outside the app: every S3 key and library item.
      const script = [
        "import json, sys, boto3",
        "endpoint, region, bucket, table = sys.argv[1:5]",
        "kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id='emulator', aws_secret_access_key='emulator')",
        "keys = [o['Key'] for o in boto3.client('s3', **kw).list_objects_v2(Bucket=bucket).get('Contents', [])]",
        "items = boto3.client('dynamodb', **kw).scan(TableName=table)['Items']",
        "print(json.dumps({'keys': keys, 'library': [{k: list(v.values())[0] for k, v in i.items()} for i in items]}))",
      ].join("\n");
      const { stdout } = await run(VENV_PYTHON, ["-c", script, url, config.region, config.bucket, config.library_table]);
      return JSON.parse(stdout) as { keys: string[]; library: Record<string, string>[] };
    };

    return { url, configPath, config, codes, adminCreateUser, cloudContents, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The family's vision and story services (nocomelon-services), trusting the emulator's pool. */
export interface Services {
  url: string;
  stop: () => Promise<void>;
}

export const SERVICES_BINARY = join(REPO_DIR, "target/debug/nocomelon-services");

/**
 * Starts nocomelon-services on a free port with the emulator's cloud config and writes its
 * address into that config as `services_url`, so the app (started afterwards) asks it.
 */
export async function startServices(configPath: string, logPath: string): Promise<Services> {
  try {
    accessSync(SERVICES_BINARY, constants.X_OK);
  } catch {
    throw new Error(`${SERVICES_BINARY} is not built: cargo build --features nocomelon-desktop/custom-protocol -p services (make app does it).`);
  }
  const log = createWriteStream(logPath);
  const server = spawn(SERVICES_BINARY, ["--listen", "127.0.0.1:0", "--config", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  server.stderr?.pipe(log, { end: false });
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      await new Promise<void>((done) => {
        const kill = setTimeout(() => server.kill("SIGKILL"), 5000);
        server.once("exit", () => {
          clearTimeout(kill);
          done();
        });
        server.kill("SIGTERM");
      });
    }
    log.end();
  };
  try {
    const line = await readLine(server.stdout as NodeJS.ReadableStream, "nocomelon-services", 30_000);
    const url = line.replace(/^listening on /, "").trim();
    if (!url.startsWith("http://")) throw new Error(`nocomelon-services printed ${line} instead of its address; see ${logPath}`);
    const config = JSON.parse(await readFile(configPath, "utf8")) as Record<string, unknown>;
    config.services_url = url;
    await writeFile(configPath, JSON.stringify(config, null, 2));
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
