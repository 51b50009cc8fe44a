from tests.calls.factories import normandy_call, normandy_wave
from tests.territories.factories import paris


def create_normandy_call():
    """The call with its five départements, five criteria and two waves (2023 and 2024), and Paris outside it."""
    paris()
    call = normandy_call()
    normandy_wave(1)
    normandy_wave(2)
    return call
