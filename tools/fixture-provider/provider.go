package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

const (
	fileType  = "tapfixture:index:File"
	sleepType = "tapfixture:index:Sleep"
	// unknownSentinel is how the engine sends a value that is not known yet (during previews).
	unknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
)

// fixtureProvider implements the resource provider protocol for the fixture resources.
type fixtureProvider struct {
	pulumirpc.UnimplementedResourceProviderServer

	mu        sync.Mutex
	cancelled chan struct{}
}

func newFixtureProvider() *fixtureProvider {
	return &fixtureProvider{cancelled: make(chan struct{})}
}

func (p *fixtureProvider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (p *fixtureProvider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: schema}, nil
}

func (p *fixtureProvider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *fixtureProvider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *fixtureProvider) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	// Secrets arrive unwrapped; the engine marks outputs secret again where their inputs were.
	return &pulumirpc.ConfigureResponse{AcceptSecrets: false, SupportsPreview: false}, nil
}

// Cancel stops every sleeping operation; the engine calls it when the CLI is interrupted.
func (p *fixtureProvider) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.cancelled:
	default:
		close(p.cancelled)
	}
	return &emptypb.Empty{}, nil
}

func (p *fixtureProvider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news := req.GetNews().GetFields()
	var failures []*pulumirpc.CheckFailure
	fail := func(prop, reason string) {
		failures = append(failures, &pulumirpc.CheckFailure{Property: prop, Reason: reason})
	}
	switch typeOf(req.GetUrn()) {
	case fileType:
		path := str(news, "path")
		if path == "" {
			fail("path", "path is required")
		} else if path != unknownSentinel && !filepath.IsAbs(path) {
			fail("path", "path must be absolute")
		}
		if _, ok := news["content"]; !ok {
			fail("content", "content is required")
		}
		if mode := str(news, "mode"); mode != "" && mode != unknownSentinel {
			if _, err := strconv.ParseUint(mode, 8, 32); err != nil {
				fail("mode", "mode must be an octal permission such as 0644")
			}
		}
	case sleepType:
		if _, ok := news["seconds"]; !ok {
			fail("seconds", "seconds is required")
		}
	default:
		return nil, status.Errorf(codes.InvalidArgument, "unknown resource type %q", typeOf(req.GetUrn()))
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews(), Failures: failures}, nil
}

func (p *fixtureProvider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, news := req.GetOlds().GetFields(), req.GetNews().GetFields()
	var keys, replaceKeys []string
	switch typeOf(req.GetUrn()) {
	case fileType:
		keys, replaceKeys = []string{"path", "content", "mode"}, []string{"path"}
	case sleepType:
		keys = []string{"seconds", "trigger"}
	default:
		return nil, status.Errorf(codes.InvalidArgument, "unknown resource type %q", typeOf(req.GetUrn()))
	}
	resp := &pulumirpc.DiffResponse{
		Changes:         pulumirpc.DiffResponse_DIFF_NONE,
		DetailedDiff:    map[string]*pulumirpc.PropertyDiff{},
		HasDetailedDiff: true,
	}
	for _, k := range keys {
		oldV, hadOld := olds[k]
		newV, hasNew := news[k]
		if hadOld && hasNew && sameValue(oldV, newV) || !hadOld && !hasNew {
			continue
		}
		replace := contains(replaceKeys, k)
		kind := pulumirpc.PropertyDiff_UPDATE
		switch {
		case !hadOld:
			kind = pulumirpc.PropertyDiff_ADD
		case !hasNew:
			kind = pulumirpc.PropertyDiff_DELETE
		}
		if replace {
			kind += 1 // each *_REPLACE kind directly follows its plain kind
			resp.Replaces = append(resp.Replaces, k)
		}
		resp.Diffs = append(resp.Diffs, k)
		resp.DetailedDiff[k] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
		resp.Changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	return resp, nil
}

func (p *fixtureProvider) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	ins := req.GetProperties().GetFields()
	switch typeOf(req.GetUrn()) {
	case fileType:
		outs, err := writeFile(ins)
		if err != nil {
			return nil, err
		}
		return &pulumirpc.CreateResponse{Id: str(ins, "path"), Properties: outs}, nil
	case sleepType:
		if err := p.sleep(ctx, ins); err != nil {
			return nil, err
		}
		return &pulumirpc.CreateResponse{Id: randomID(), Properties: req.GetProperties()}, nil
	}
	return nil, status.Errorf(codes.InvalidArgument, "unknown resource type %q", typeOf(req.GetUrn()))
}

func (p *fixtureProvider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	switch typeOf(req.GetUrn()) {
	case fileType:
		return readFile(req)
	case sleepType:
		return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
	}
	return nil, status.Errorf(codes.InvalidArgument, "unknown resource type %q", typeOf(req.GetUrn()))
}

func (p *fixtureProvider) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	news := req.GetNews().GetFields()
	switch typeOf(req.GetUrn()) {
	case fileType:
		outs, err := writeFile(news)
		if err != nil {
			return nil, err
		}
		return &pulumirpc.UpdateResponse{Properties: outs}, nil
	case sleepType:
		if err := p.sleep(ctx, news); err != nil {
			return nil, err
		}
		return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
	}
	return nil, status.Errorf(codes.InvalidArgument, "unknown resource type %q", typeOf(req.GetUrn()))
}

func (p *fixtureProvider) Delete(_ context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	if typeOf(req.GetUrn()) == fileType {
		if err := os.Remove(req.GetId()); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, status.Errorf(codes.Internal, "delete %s: %v", req.GetId(), err)
		}
	}
	return &emptypb.Empty{}, nil
}

// sleep waits for the resource's `seconds`, or until the operation is cancelled. With
// `ignoreCancel` set it keeps sleeping through a cancellation, like a stuck cloud API call.
func (p *fixtureProvider) sleep(ctx context.Context, ins map[string]*structpb.Value) error {
	d := time.Duration(ins["seconds"].GetNumberValue() * float64(time.Second))
	timer := time.NewTimer(d)
	defer timer.Stop()
	if ins["ignoreCancel"].GetBoolValue() {
		<-timer.C
		return nil
	}
	p.mu.Lock()
	cancelled := p.cancelled
	p.mu.Unlock()
	select {
	case <-timer.C:
		return nil
	case <-cancelled:
		return status.Error(codes.Canceled, "sleep cancelled")
	case <-ctx.Done():
		return status.Error(codes.Canceled, "sleep cancelled")
	}
}

func writeFile(ins map[string]*structpb.Value) (*structpb.Struct, error) {
	path, content := str(ins, "path"), str(ins, "content")
	perm := os.FileMode(0o644)
	if mode := str(ins, "mode"); mode != "" {
		m, err := strconv.ParseUint(mode, 8, 32)
		if err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "mode %q: %v", mode, err)
		}
		perm = os.FileMode(m)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, status.Errorf(codes.Internal, "create directory for %s: %v", path, err)
	}
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		return nil, status.Errorf(codes.Internal, "write %s: %v", path, err)
	}
	if err := os.Chmod(path, perm); err != nil {
		return nil, status.Errorf(codes.Internal, "chmod %s: %v", path, err)
	}
	return fileState(ins, content, perm)
}

// readFile reports what is on disk now; a missing file means the resource is gone.
func readFile(req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	path := req.GetId()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &pulumirpc.ReadResponse{}, nil
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "read %s: %v", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "stat %s: %v", path, err)
	}
	inputs := map[string]*structpb.Value{}
	for k, v := range req.GetInputs().GetFields() {
		inputs[k] = v
	}
	if len(inputs) == 0 {
		inputs["path"] = structpb.NewStringValue(path)
	}
	inputs["content"] = structpb.NewStringValue(string(data))
	if _, ok := inputs["mode"]; ok {
		inputs["mode"] = structpb.NewStringValue(fmt.Sprintf("%04o", info.Mode().Perm()))
	}
	state, err := fileState(inputs, string(data), info.Mode().Perm())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: path, Properties: state, Inputs: &structpb.Struct{Fields: inputs}}, nil
}

func fileState(ins map[string]*structpb.Value, content string, perm os.FileMode) (*structpb.Struct, error) {
	sum := sha256.Sum256([]byte(content))
	out := map[string]any{
		"path":    str(ins, "path"),
		"content": content,
		"sha256":  hex.EncodeToString(sum[:]),
		"size":    float64(len(content)),
	}
	if _, ok := ins["mode"]; ok {
		out["mode"] = fmt.Sprintf("%04o", perm)
	}
	s, err := structpb.NewStruct(out)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "encode state: %v", err)
	}
	return s, nil
}

// typeOf extracts the type token from a URN (urn:pulumi:stack::project::parent$type::name).
func typeOf(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return ""
	}
	t := parts[2]
	if i := strings.LastIndex(t, "$"); i >= 0 {
		t = t[i+1:]
	}
	return t
}

func str(m map[string]*structpb.Value, k string) string {
	return m[k].GetStringValue()
}

func sameValue(a, b *structpb.Value) bool {
	if a.GetStringValue() == unknownSentinel || b.GetStringValue() == unknownSentinel {
		return false
	}
	aj, _ := a.MarshalJSON()
	bj, _ := b.MarshalJSON()
	return string(aj) == string(bj)
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

func randomID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
