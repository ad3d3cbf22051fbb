package mlint.rules.content.mojibake_test

import data.mlint.rules.content.mojibake

phase := {"heading": "Phase 3: Core Development", "kind": "phase", "line": 1, "span": {"start": 0, "end": 40}}

garbled(text, repaired, encoding) := {"text": text, "repaired": repaired, "encoding": encoding, "line": 1, "span": {"start": 4, "end": 12}}

test_garbled_text_is_reported_with_specific_help if {
	found := mojibake.report with input as {"milestones": [phase], "mojibake": [garbled("ðŸš€", "🚀", "mac-roman")]}
	found == {{
		"message": "garbled text `ðŸš€`",
		"help": "this is UTF-8 read as Mac Roman; it should read `🚀`. Replace it, and save the file as UTF-8",
		"line": 1, "span": {"start": 4, "end": 12},
	}}
}

test_each_run_is_reported_and_names_its_encoding if {
	found := mojibake.report with input as {"milestones": [phase], "mojibake": [
		garbled("âœ…", "✅", "windows-1252"),
		object.union(garbled("Ã©", "é", "latin-1"), {"line": 7}),
	]}
	{f.help | some f in found} == {
		"this is UTF-8 read as Windows-1252; it should read `✅`. Replace it, and save the file as UTF-8",
		"this is UTF-8 read as Latin-1; it should read `é`. Replace it, and save the file as UTF-8",
	}
}

test_a_file_without_milestones_is_not_checked if {
	count(mojibake.report) == 0 with input as {"milestones": [], "mojibake": [garbled("ðŸš€", "🚀", "mac-roman")]}
}

test_clean_text_passes if {
	count(mojibake.report) == 0 with input as {"milestones": [phase], "mojibake": []}
}

test_many_garbled_places_get_one_summary_and_details if {
	found := mojibake.report with input as {"milestones": [phase], "mojibake": [
		garbled("ðŸš€", "🚀", "mac-roman"),
		object.union(garbled("ðŸŽ¯", "🎯", "mac-roman"), {"line": 2}),
	]}
		with data.mlint.config.summarise_after as 2
	[f.message | some f in found; not f.detail] == ["2 places hold garbled text, the first `ðŸš€` here: the file was decoded as Mac Roman and saved again"]
	count([f | some f in found; f.detail == true]) == 2
}
