"""A visible note on the girl's own page when a parent's account can see her progress
(the Age Appropriate Design Code's "signal" to the child), in Kyrgyz and Russian."""



KY = "Ата-энең үй-бүлө барагында"
RU = "Твои родители видят на странице семьи"


def test_she_is_told_when_a_parent_follows_her_progress(client, world):
    client.force_login(world.girl_a)
    assert KY in client.get("/ky/learn/").content.decode()
    assert RU in client.get("/ru/learn/").content.decode()


def test_no_note_without_a_parents_account(client, world):
    client.force_login(world.girl_b)  # in no household
    assert KY not in client.get("/ky/learn/").content.decode()
    # A household whose members have no account: nobody sees her progress.
    world.household_a.members.update(user=None)
    client.force_login(world.girl_a)
    assert KY not in client.get("/ky/learn/").content.decode()


def test_the_note_goes_when_the_parents_account_is_closed(client, world):
    world.guardian_a.is_active = False
    world.guardian_a.save()
    client.force_login(world.girl_a)
    assert KY not in client.get("/ky/learn/").content.decode()
