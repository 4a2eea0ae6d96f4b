def test_home_answers_in_both_languages(client, db):
    for lang in ("cs", "en"):
        assert client.get(f"/{lang}/").status_code == 200
