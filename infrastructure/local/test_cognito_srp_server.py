"""Checks the emulator's SRP math against the published known answer and a round trip."""

import secrets
import unittest

import cognito_srp_server as srp


class SrpServerTest(unittest.TestCase):
    def test_k_matches_the_published_value(self):
        self.assertEqual(
            format(srp.K, "064x"), "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
        )

    def test_client_math_reproduces_the_known_answer(self):
        a = int.from_bytes(b"\x01" * 128, "big")
        self.assertTrue(format(pow(srp.G, a, srp.N), "x").startswith("b1ce118779e27c1c015d7a22"))
        signature = srp.client_signature(
            "us-west-2_abc",
            "user_id",
            "password",
            a,
            "36ef01c6dde9fe503da333b1acc758ba",
            "36ef01c6dde9fe503da333b1acc758ba",
            "9ae77ec7154c14dcc487b47707fee4b4920cb96d8a8c045e4c8df879a7b375524aa736acdec6c9ad4ea606774d00621b",
            "Mon Feb 10 18:30:12 UTC 2025",
        )
        self.assertEqual(signature, "apNSb5GZpJciVc6cVNkDf4elCMoWUZcH4aukLlMPiFA=")

    def test_server_accepts_the_right_password_and_rejects_a_wrong_one(self):
        a = int.from_bytes(secrets.token_bytes(128), "big")
        srp_a_hex = format(pow(srp.G, a, srp.N), "x")
        challenge = srp.start("us-east-1_Pool", "4b1c-uuid", "Corr3ctHorse", srp_a_hex)
        stamp = "Sun Nov 2 09:05:07 UTC 2026"
        for password, expected in (("Corr3ctHorse", True), ("WrongHorse1", False)):
            signature = srp.client_signature(
                "us-east-1_Pool",
                "4b1c-uuid",
                password,
                a,
                challenge.salt_hex,
                challenge.srp_b_hex,
                challenge.secret_block,
                stamp,
            )
            self.assertEqual(srp.signature_matches(challenge, stamp, signature), expected)

    def test_timestamp_format_wants_an_unpadded_day(self):
        self.assertTrue(srp.TIMESTAMP_RE.match("Sun Nov 2 09:05:07 UTC 2026"))
        self.assertFalse(srp.TIMESTAMP_RE.match("Sun Nov 02 09:05:07 UTC 2026"))
        self.assertTrue(srp.PADDED_DAY_RE.match("Sun Nov 02 09:05:07 UTC 2026"))
        self.assertFalse(srp.TIMESTAMP_RE.match("Sun Nov  2 09:05:07 UTC 2026"))


if __name__ == "__main__":
    unittest.main()
