// CPU time per sign-in for amazon-cognito-identity-js: CognitoUser.authenticateUser up to the
// RespondToAuthChallenge request (SRP_A, then PASSWORD_CLAIM_SIGNATURE), with a fake service
// client, the bench's a injected and its TIMESTAMP. Uses the library pinned in ../vectors.
// Usage: node bench_js.mjs INPUTS.json   (prints one JSON line)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../vectors/package.json', import.meta.url));
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');
const AuthenticationHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js').default;
const DateHelper = require('amazon-cognito-identity-js/lib/DateHelper.js').default;
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
const { version } = require('amazon-cognito-identity-js/package.json');

const inputs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
AuthenticationHelper.prototype.generateRandomSmallA = () => new BigInteger(inputs.a_hex, 16);
DateHelper.prototype.getNowString = () => inputs.timestamp;

const storage = {
  items: new Map(),
  setItem(key, value) { this.items.set(key, String(value)); },
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; },
  removeItem(key) { this.items.delete(key); },
  clear() { this.items.clear(); },
};
const pool = new CognitoUserPool({
  UserPoolId: inputs.user_pool_id,
  ClientId: 'benchclientid000000000000',
  Storage: storage,
});

function signIn() {
  const user = new CognitoUser({ Username: 'typed-name', Pool: pool, Storage: storage });
  let srpA = null;
  let signature = null;
  user.client = {
    request(operation, params, callback) {
      if (operation === 'InitiateAuth') {
        srpA = params.AuthParameters.SRP_A;
        callback(null, {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: {
            USER_ID_FOR_SRP: inputs.user_id_for_srp,
            SALT: inputs.salt_hex,
            SRP_B: inputs.srp_b_hex,
            SECRET_BLOCK: inputs.secret_block_b64,
          },
        });
      } else {
        signature = params.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE;
        callback({ code: 'BenchDone', message: 'done' }, null);
      }
    },
  };
  user.authenticateUser(
    new AuthenticationDetails({ Username: 'typed-name', Password: inputs.password }),
    { onSuccess() {}, onFailure(err) { if (err.code !== 'BenchDone') throw err; } },
  );
  if (!signature) throw new Error('no signature');
  return { srpA, signature };
}

const first = signIn();
const start = process.cpuUsage();
for (let i = 0; i < inputs.iterations; i += 1) signIn();
const used = process.cpuUsage(start);
process.stdout.write(`${JSON.stringify({
  implementation: `amazon-cognito-identity-js ${version} (jsbn, node ${process.version})`,
  ms_per_signin: (used.user + used.system) / 1000 / inputs.iterations,
  srp_a_prefix: first.srpA.slice(0, 24),
  signature_b64: first.signature,
})}\n`);
