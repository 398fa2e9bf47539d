"""What every app's forms share."""


class ServiceErrorsMixin:
    """Put a service's ValidationError on the field it is about, or above the form.

        class EnrolmentForm(ServiceErrorsMixin, forms.Form):
            error_fields = {"already_enrolled": "learner_email"}

        try:
            services.enrol_learner(...)
        except ValidationError as error:
            form.add_service_error(error)

    An error with a code goes to the field `error_fields` maps its code to; an error raised as a
    dict of fields goes to those fields (or to the field `error_fields` maps the key to). Anything
    else, or a field the form does not have, goes above the form.
    """

    error_fields = {}

    def add_service_error(self, error):
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                target = name if name in self.fields else self.error_fields.get(name)
                for e in errors:
                    self.add_error(target if target in self.fields else None, e.messages)
            return
        target = self.error_fields.get(getattr(error, "code", None))
        self.add_error(target if target in self.fields else None, error.messages)
