"""CPU time per sign-in for pycognito and for the GMP floor, on bench inputs (argv[2]).

  bench_py.py pycognito INPUTS.json   A, then PASSWORD_CLAIM_SIGNATURE via AWSSRP
  bench_py.py gmp-floor INPUTS.json   only the three modular exponentiations a sign-in
                                      needs (g^a, g^x, (B - k*g^x)^(a+u*x)), by GMP (gmpy2)
Prints one JSON line.
"""

import hashlib
import json
import sys
import time


def pycognito(inputs: dict) -> dict:
    from pycognito.aws_srp import AWSSRP

    class NoNetworkClient:
        pass

    srp = AWSSRP(
        username=inputs["user_id_for_srp"],
        password=inputs["password"],
        pool_id=inputs["user_pool_id"],
        client_id="bench",
        client=NoNetworkClient(),
    )
    srp.get_cognito_formatted_timestamp = lambda _now: inputs["timestamp"]
    a = int(inputs["a_hex"], 16)
    challenge = {
        "USER_ID_FOR_SRP": inputs["user_id_for_srp"],
        "SALT": inputs["salt_hex"],
        "SRP_B": inputs["srp_b_hex"],
        "SECRET_BLOCK": inputs["secret_block_b64"],
    }

    def sign_in():
        srp.small_a_value = a
        srp.large_a_value = srp.calculate_a()
        srp_a = srp.get_auth_params()["SRP_A"]
        response = srp.process_challenge(challenge, {"USERNAME": inputs["user_id_for_srp"]})
        return srp_a, response["PASSWORD_CLAIM_SIGNATURE"]

    srp_a, signature = sign_in()
    iterations = inputs["iterations"]
    start = time.process_time()
    for _ in range(iterations):
        sign_in()
    elapsed = time.process_time() - start
    return {
        "implementation": "pycognito 2024.5.1 (Python ints)",
        "ms_per_signin": elapsed * 1e3 / iterations,
        "srp_a_prefix": srp_a[:24],
        "signature_b64": signature,
    }


def gmp_floor(inputs: dict) -> dict:
    import gmpy2
    from pycognito.aws_srp import N_HEX

    n = gmpy2.mpz(N_HEX, 16)
    g = gmpy2.mpz(2)

    def pad(value: int) -> bytes:
        return int(value).to_bytes(int(value).bit_length() // 8 + 1, "big")

    k = gmpy2.mpz(int.from_bytes(hashlib.sha256(pad(n) + pad(g)).digest(), "big"))
    a = gmpy2.mpz(inputs["a_hex"], 16)
    srp_b = gmpy2.mpz(inputs["srp_b_hex"], 16)
    salt = int(inputs["salt_hex"], 16)
    pool_name = inputs["user_pool_id"].split("_", 1)[1]
    inner = hashlib.sha256(
        f"{pool_name}{inputs['user_id_for_srp']}:{inputs['password']}".encode("utf-8")
    ).digest()
    x = gmpy2.mpz(int.from_bytes(hashlib.sha256(pad(salt) + inner).digest(), "big"))
    srp_a = gmpy2.powmod(g, a, n)
    u = gmpy2.mpz(int.from_bytes(hashlib.sha256(pad(srp_a) + pad(srp_b)).digest(), "big"))
    exponent = a + u * x

    def exponentiations():
        big_a = gmpy2.powmod(g, a, n)
        g_x = gmpy2.powmod(g, x, n)
        return big_a, gmpy2.powmod((srp_b - k * g_x) % n, exponent, n)

    exponentiations()
    iterations = inputs["iterations"]
    start = time.process_time()
    for _ in range(iterations):
        exponentiations()
    elapsed = time.process_time() - start
    return {
        "implementation": f"GMP floor (gmpy2 {gmpy2.version()}, {gmpy2.mp_version()}): 3 powmods only",
        "ms_per_signin": elapsed * 1e3 / iterations,
        "srp_a_prefix": f"{int(srp_a):x}"[:24],
    }


def main() -> None:
    mode, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as handle:
        inputs = json.load(handle)
    result = {"pycognito": pycognito, "gmp-floor": gmp_floor}[mode](inputs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
