"""Verification codes: typed the way people type, typos caught by the check character."""

from camp.certificates import codes


def test_new_codes_are_eleven_characters_of_letters_and_digits_and_valid():
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert len(code) == 11
        assert set(code) <= set(codes.ALPHABET)
        assert codes.parse(code) == (code, None)


def test_case_spaces_hyphens_and_look_alikes_are_forgiven():
    code = "7KQ2MX9D4RR"
    assert codes.parse(code) == (code, None)
    assert codes.parse(" 7kq2m-x9d4r-r ") == (code, None)
    # Cyrillic К, М, Х typed on a Kyrgyz keyboard read as the Latin letters.
    assert codes.parse("7КQ2М-Х9D4R-R") == (code, None)
    zeros = "0O1IL00000"
    body = codes.normalise(zeros)
    assert body == "0011100000"
    full = body + codes.check_character(body)
    assert codes.parse("0o1il00000" + full[-1]) == (full, None)


def test_every_single_wrong_character_and_every_swap_is_caught():
    code = codes.new_code()
    for position in range(codes.BODY_LENGTH):
        for char in codes.ALPHABET:
            if char != code[position]:
                typo = code[:position] + char + code[position + 1:]
                assert codes.parse(typo) == (None, codes.Problem.TYPO), typo
    for position in range(codes.BODY_LENGTH - 1):
        a, b = code[position], code[position + 1]
        if a != b:
            swapped = code[:position] + b + a + code[position + 2:]
            assert codes.parse(swapped) == (None, codes.Problem.TYPO), swapped


def test_malformed_input_is_told_apart_from_a_typo():
    for typed in ["", "ABC", "7KQ2MX9D4RRR", "7KQ2MX9D4U!", "<script>", "ҢӨҮ"]:
        assert codes.parse(typed) == (None, codes.Problem.MALFORMED), typed


def test_a_code_with_one_character_too_many_or_a_stray_symbol_is_malformed_not_a_typo():
    """"Check the code again" would send her hunting for a typo that is not there."""
    valid = "00000000000"  # ten zeros have the check character 0
    assert codes.parse(valid) == (valid, None)
    for typed in [valid + "1", "!!!!!!!!!!0", "0000000000!", "0000000000*1"]:
        assert codes.parse(typed) == (None, codes.Problem.MALFORMED), typed


def test_a_code_is_printed_in_groups_of_five_five_and_one():
    assert codes.display("7KQ2MX9D4RC") == "7KQ2M-X9D4R-C"
