from django.shortcuts import render

from deffinov.instruction.access import instruction_queryset, staff_required
from deffinov.instruction.workspace import sort_dossiers, with_list_columns


@staff_required
def my_dossiers(request):
    """The dossiers assigned to the instructor, every wave together."""
    dossiers = sort_dossiers(
        with_list_columns(instruction_queryset().filter(assignments__instructor=request.user)), "number"
    )
    return render(request, "instruction/my_dossiers.html", {"dossiers": dossiers})
