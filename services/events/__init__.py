"""Use cases of networking events: the event itself and the access rules all share (`core`),
registrations and the waitlist (`registration`), suggested attendees (`suggestions`), the
schedule (`schedule`), agendas and exports (`outputs`), held meetings and feedback
(`followup`)."""
