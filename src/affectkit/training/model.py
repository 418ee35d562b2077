"""The multi-task network: one MiniLM encoder, mean pooling, one linear head per task."""

from __future__ import annotations

import torch
from torch import nn

# Output names of the exported graph, in order. Every head ends in its final activation so that the
# ONNX graph returns ready-to-use values (probabilities, [-1, 1] VAD, [0, 1] intensities).
# ``vad_head`` is the main head's V/A/D: it equals ``vad`` unless a V/A/D branch takes part (stage 3),
# and the conversation and strategy heads read it, so they never depend on the branch.
OUTPUTS = ("goemotions", "ekman", "sentiment", "vad", "intensity", "embedding", "vad_head")


class AffectNet(nn.Module):
    def __init__(
        self,
        encoder: nn.Module,
        hidden: int,
        sizes: dict[str, int],
        vad_mean: torch.Tensor,
        vad_std: torch.Tensor,
        dropout: float = 0.1,
    ) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.heads = nn.ModuleDict({name: nn.Linear(hidden, size) for name, size in sizes.items()})
        # VAD is learned on standardised targets (EmoBank's spread is narrow) and de-standardised here.
        self.register_buffer("vad_mean", vad_mean.clone())
        self.register_buffer("vad_std", vad_std.clone())
        # Set by the V/A/D distillation stage (``affectkit.training.vad_branch``); None after stage 1.
        self.vad_branch: VadBranch | None = None

    def pool(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        states = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        return mean_pool(states, attention_mask)

    def logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> dict[str, torch.Tensor]:
        pooled = self.dropout(self.pool(input_ids, attention_mask))
        return {name: head(pooled) for name, head in self.heads.items()}


def mean_pool(states: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    mask = attention_mask.unsqueeze(-1).to(states.dtype)
    return (states * mask).sum(1) / mask.sum(1).clamp(min=1.0)


class VadBranch(nn.Module):
    """A second copy of the encoder's top ``len(layers)`` layers with its own V/A/D head.

    It reads the token states entering those layers, which it shares with the main model, so the
    main heads and the embedding stay exactly as they were. Outputs standardised V/A/D like the main
    head; the shipped V/A/D is ``weight`` times the branch plus ``1 - weight`` times the main head.
    """

    def __init__(self, layers: list[nn.Module], head: nn.Linear, weight: float = 1.0) -> None:
        super().__init__()
        self.layers = nn.ModuleList(layers)
        self.head = head
        self.weight = weight

    def forward(self, states: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        additive = (1.0 - attention_mask[:, None, None, :].to(states.dtype)) * torch.finfo(states.dtype).min
        out = states
        for layer in self.layers:
            out = layer(out, attention_mask=additive)
            out = out[0] if isinstance(out, tuple) else out
        return self.head(mean_pool(out, attention_mask))


class ExportWrapper(nn.Module):
    """Inference view of :class:`AffectNet` with activations applied, for ONNX export."""

    def __init__(self, net: AffectNet) -> None:
        super().__init__()
        self.net = net

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        net, heads = self.net, self.net.heads
        if net.vad_branch is None:
            pooled = net.pool(input_ids, attention_mask)
            vad_standard = head_standard = heads["vad"](pooled)
        else:
            states = net.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
                output_hidden_states=True,
            ).hidden_states
            pooled = mean_pool(states[-1], attention_mask)
            share = net.vad_branch.weight
            head_standard = heads["vad"](pooled)
            branch_input = states[-1 - len(net.vad_branch.layers)]
            vad_standard = share * net.vad_branch(branch_input, attention_mask) + (1 - share) * head_standard
        vad = (vad_standard * net.vad_std + net.vad_mean).clamp(-1.0, 1.0)
        vad_head = (head_standard * net.vad_std + net.vad_mean).clamp(-1.0, 1.0)
        embedding = nn.functional.normalize(pooled, dim=-1)
        return (
            torch.sigmoid(heads["goemotions"](pooled)),
            torch.sigmoid(heads["ekman"](pooled)),
            torch.sigmoid(heads["sentiment"](pooled)),
            vad,
            torch.sigmoid(heads["intensity"](pooled)),
            embedding,
            vad_head,
        )
