using Bunit;
using SafeCampus.Web.Components.Shared;
using SafeCampus.Web.Domain;
using SafeCampus.Web.Features.Defences;

namespace SafeCampus.Tests.Components.Shared;

public sealed class StateChipShould : ComponentTest
{
    [Fact]
    public void ShowTheWordInTheToneOfItsState()
    {
        var chip = Render<StateChip>(p => p
            .Add(c => c.Text, DefenceLabels.State(DefenceReturnState.Confirmed))
            .Add(c => c.Tone, DefenceLabels.Tone(DefenceReturnState.Confirmed)));

        chip.MarkupMatches("""<span class="chip chip-amber">待审核</span>""");
    }

    [Fact]
    public void BeGreyWhenNoToneIsGiven()
    {
        var chip = Render<StateChip>(p => p.Add(c => c.Text, DefenceLabels.State(null)));

        var span = chip.Find("span.chip");
        Assert.Equal("未报", span.TextContent);
        Assert.Equal(["chip", "chip-grey"], span.ClassList);
    }
}
