"""Forms written as data (YAML definitions) and rendered as ipywidgets.

    from omt.widgets.forms import FormView, load_definition
    form = FormView(load_definition("meeting_log"), store, "FR-VN-01", author_id="M-VN-HAN")
    display(form.widget)

Modules, one per concept:

- `definition`: loading and checking definitions;
- `constraints`: the checks and their messages;
- `fields`: one class per field type;
- `form`: validation, saving and the messages on the page;
- `app`: a form as a Voilà app for the placement named in the URL;
- `i18n`: translation of user-visible strings and of the texts of definitions;
- `relevance`: the conditions that show a field only when earlier answers call for it;
- `groups`: the `group` and `repeat` field types;
- `targets`: where a valid form is saved (a submission or a placement);
- `drafts`: unsent answers kept across page reloads.
"""

from omt.widgets.forms.app import FormRequest, form_request, show_placement_form
from omt.widgets.forms.definition import DefinitionError, FormDefinition, load_definition, parse_definition
from omt.widgets.forms.form import FormView

__all__ = ["DefinitionError", "FormDefinition", "FormRequest", "FormView", "form_request", "load_definition",
           "parse_definition", "show_placement_form"]
