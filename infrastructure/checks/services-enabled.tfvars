# checkov's second pass: the story services on, so their resources are checked too. checkov never
# reads the package, so the path only has to look like one.
services_enabled = true
services_package = "nocomelon-services-lambda.zip"
