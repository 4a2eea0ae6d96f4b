from catalogue.columns import CatalogueColumns, choice, identifiers, sources_and_dates, text


def toy_columns() -> CatalogueColumns:
    return CatalogueColumns(
        key="toys",
        label="Toys",
        columns=(
            *identifiers(),
            text("title", "Title", "Name of the toy."),
            text("summary", "Summary", "What the toy is."),
            choice("colour", "Colour", "The colour of the toy.", "toy_colours"),
            *sources_and_dates(),
        ),
    )
