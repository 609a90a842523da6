// Answers every vector with amazon-cognito-identity-js, through CognitoUser.authenticateUser:
// the real USER_SRP_AUTH path, with a fake service client that hands out the vector's
// challenge and records the RespondToAuthChallenge request. `a` is injected by replacing
// AuthenticationHelper.generateRandomSmallA and the TIMESTAMP by replacing
// DateHelper.getNowString. Also formats each timestamp instant with the library's DateHelper.
// Usage: node generate-js.mjs inputs.json > js.json
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require('amazon-cognito-identity-js');
const AuthenticationHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js').default;
const DateHelper = require('amazon-cognito-identity-js/lib/DateHelper.js').default;
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;

const libraryGetNowString = DateHelper.prototype.getNowString;

class MemoryStorage {
  constructor() { this.items = new Map(); }
  setItem(key, value) { this.items.set(key, String(value)); }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  removeItem(key) { this.items.delete(key); }
  clear() { this.items.clear(); }
}

function answer(vector) {
  AuthenticationHelper.prototype.generateRandomSmallA = () => new BigInteger(vector.a_hex, 16);
  DateHelper.prototype.getNowString = () => vector.timestamp;

  const storage = new MemoryStorage();
  const pool = new CognitoUserPool({
    UserPoolId: vector.user_pool_id,
    ClientId: 'vectorsclientid0000000000',
    Storage: storage,
  });
  const user = new CognitoUser({ Username: 'typed-name', Pool: pool, Storage: storage });
  let srpA = null;
  let responses = null;
  user.client = {
    request(operation, params, callback) {
      if (operation === 'InitiateAuth') {
        srpA = params.AuthParameters.SRP_A;
        callback(null, {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: {
            USER_ID_FOR_SRP: vector.user_id_for_srp,
            USERNAME: vector.user_id_for_srp,
            SALT: vector.salt_hex,
            SRP_B: vector.srp_b_hex,
            SECRET_BLOCK: vector.secret_block_b64,
          },
        });
      } else if (operation === 'RespondToAuthChallenge') {
        responses = params.ChallengeResponses;
        callback({ code: 'VectorsDone', message: 'recorded' }, null);
      } else {
        callback({ code: 'Unexpected', message: operation }, null);
      }
    },
  };

  let failure = null;
  user.authenticateUser(
    new AuthenticationDetails({ Username: 'typed-name', Password: vector.password }),
    {
      onSuccess() { failure = new Error('unexpected success'); },
      onFailure(err) { if (err.code !== 'VectorsDone') failure = err; },
    },
  );
  if (failure) throw failure;
  if (!responses) throw new Error(`no RespondToAuthChallenge for ${vector.name}`);
  if (responses.TIMESTAMP !== vector.timestamp) throw new Error('TIMESTAMP was not injected');
  if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== vector.secret_block_b64) {
    throw new Error('SECRET_BLOCK was not sent back unchanged');
  }
  if (responses.USERNAME !== vector.user_id_for_srp) throw new Error('USERNAME is not USER_ID_FOR_SRP');
  return { srp_a_hex: srpA, signature_b64: responses.PASSWORD_CLAIM_SIGNATURE };
}

function formatWithDateHelper(unixSeconds) {
  const RealDate = globalThis.Date;
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(unixSeconds * 1000);
      else super(...args);
    }
  }
  globalThis.Date = FixedDate;
  try {
    return new DateHelper().getNowString();
  } finally {
    globalThis.Date = RealDate;
  }
}

const inputs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const vectors = inputs.vectors.map(answer);
const timestamps = inputs.timestamp_instants.map((unixSeconds) => {
  DateHelper.prototype.getNowString = libraryGetNowString;
  return { unix_seconds: unixSeconds, amazon_cognito_identity_js: formatWithDateHelper(unixSeconds) };
});
process.stdout.write(`${JSON.stringify({ vectors, timestamps }, null, 1)}\n`);
