// Checks docker-compose.yml and docker/Dockerfile on a machine without a Docker engine (run.sh runs it):
//   - docker-compose.yml is loaded by compose-go, the loader `docker compose config` uses: schema, variable
//     interpolation, merge keys, references; the resolved file is written to compose-config.yml here;
//   - for every service with a build section, docker/Dockerfile goes through BuildKit's own Dockerfile
//     frontend with that service's build args: the lint rules of `docker build --check` (experimental ones
//     too), then the whole conversion to a build graph (stages, ARG expansion, COPY --from, RUN mounts).
//
// Base images are not pulled: each resolves to an empty Linux config. Exits 1 on any error or warning.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// offlineImages answers every base image with an empty linux/amd64 config: no registry is reachable here.
type offlineImages struct{}

func (offlineImages) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	image := ocispecs.Image{Platform: ocispecs.Platform{OS: "linux", Architecture: "amd64"}}
	image.Config.Env = []string{"PATH=/usr/local/bin:/usr/bin:/bin"}
	config, err := json.Marshal(image)
	return ref, digest.FromBytes(config), config, err
}

func main() {
	repo := os.Args[1]
	ctx := context.Background()
	options, err := cli.NewProjectOptions([]string{filepath.Join(repo, "docker-compose.yml")},
		cli.WithWorkingDirectory(repo), cli.WithOsEnv, cli.WithName("omniflow"))
	must(err)
	project, err := options.LoadProject(ctx)
	if err != nil {
		fmt.Println("docker-compose.yml: INVALID:", err)
		os.Exit(1)
	}
	resolved, err := project.MarshalYAML()
	must(err)
	must(os.WriteFile("compose-config.yml", resolved, 0o644))
	names := project.ServiceNames()
	sort.Strings(names)
	fmt.Println("docker-compose.yml: valid; services:", names)

	dockerfile, err := os.ReadFile(filepath.Join(repo, "docker/Dockerfile"))
	must(err)
	if _, err := parser.Parse(bytes.NewReader(dockerfile)); err != nil {
		fmt.Println("docker/Dockerfile: does not parse:", err)
		os.Exit(1)
	}
	failed := false
	for _, name := range names {
		service := project.Services[name]
		if service.Build == nil {
			continue
		}
		args := map[string]string{}
		for key, value := range service.Build.Args {
			if value != nil {
				args[key] = *value
			}
		}
		if problems := checkDockerfile(ctx, dockerfile, args); len(problems) > 0 {
			failed = true
			fmt.Printf("docker/Dockerfile for %s:\n", name)
			for _, problem := range problems {
				fmt.Println("   ", problem)
			}
		} else {
			fmt.Printf("docker/Dockerfile for %s: no lint warning, converts with args %v\n", name, args)
		}
	}
	if failed {
		os.Exit(1)
	}
}

func checkDockerfile(ctx context.Context, dockerfile []byte, args map[string]string) []string {
	var problems []string
	warn := func(rule, description, url, message string, location []parser.Range) {
		problems = append(problems, fmt.Sprintf("%s: %s (line %d)", rule, message, location[0].Start.Line))
	}
	source := llb.Local("dockerfile")
	definition, err := source.Marshal(ctx)
	must(err)
	sourceMap := llb.NewSourceMap(&source, "docker/Dockerfile", "Dockerfile", dockerfile)
	sourceMap.Definition = definition
	convert := dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{BuildArgs: args, LinterConfig: &linter.Config{ExperimentalAll: true, Warn: warn}},
		MetaResolver: offlineImages{},
		SourceMap:    sourceMap,
		Warn:         warn,
	}
	lint, err := dockerfile2llb.DockerfileLint(ctx, dockerfile, convert)
	if err != nil {
		return append(problems, "lint: "+err.Error())
	}
	for _, warning := range lint.Warnings {
		problems = append(problems, fmt.Sprintf("%s: %s", warning.RuleName, warning.Detail))
	}
	if _, err := dockerfile2llb.Dockerfile2LLB(ctx, dockerfile, convert); err != nil {
		problems = append(problems, "conversion: "+err.Error())
	}
	return problems
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
