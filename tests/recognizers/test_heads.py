"""The heads registry (affectkit.recognizers.heads): versioned names that match the shipped folders."""

from __future__ import annotations

import pytest

from affectkit import licence
from affectkit.errors import AffectkitError
from affectkit.planning.strategy import StrategyModel
from affectkit.recognizers.heads import (
    DEFAULT_CONVERSATION,
    DEFAULT_STRATEGY,
    HEADS,
    ONNXHeads,
    head_path,
    load_head_config,
)


@pytest.mark.parametrize("name", sorted(HEADS))
def test_each_registered_name_is_its_folders_name_and_version(name: str) -> None:
    config = load_head_config(head_path(name), HEADS[name])
    assert f"{config['name']}@{config['version']}" == name


def test_an_unregistered_name_is_a_coded_error() -> None:
    with pytest.raises(AffectkitError) as raised:
        head_path("conversation-minilm@9")
    assert raised.value.code == "AK-E006" and "conversation-minilm@1" in str(raised.value)


def test_the_defaults_load_the_default_heads() -> None:
    assert ONNXHeads().model_id == DEFAULT_CONVERSATION
    assert StrategyModel().model_id == DEFAULT_STRATEGY


@pytest.mark.parametrize("profile", sorted(licence.PROFILES))
def test_every_licence_profile_names_registered_heads(profile: str) -> None:
    chosen = licence.PROFILES[profile]
    assert HEADS[chosen.turn] == "conversation" and HEADS[chosen.strategy] == "strategy"
    assert chosen.cause is None or HEADS[chosen.cause] == "conversation"
