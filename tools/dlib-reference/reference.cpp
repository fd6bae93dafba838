// dlib's own face detection and landmarks, as a yardstick for @styleclip/faces (benchmark and parity checks).
//
// Reads binary PPM (P6) photos, runs dlib's get_frontal_face_detector() with the Python binding's upsampling
// semantics (pyramid_up N times, detect, map the boxes back with pyramid_down<2>::rect_down), then the
// shape predictor on every box, and prints one JSON line per photo. With --repeat R it also times R runs of
// detection + landmarks per photo (after --warmup runs) and prints the samples in milliseconds.
//
// Build (tools/src/bench/faces-dlib.ts does this): g++ -O3 -std=c++14 reference.cpp $(pkg-config --cflags --libs dlib-1)
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing.h>
#include <dlib/image_transforms.h>
#include <dlib/array2d.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace dlib;

namespace
{
    // Binary PPM (P6, maxval 255) → array2d<rgb_pixel>. Only what the benchmark writes: no comments.
    void read_ppm(const std::string& path, array2d<rgb_pixel>& img)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error("cannot open " + path);
        std::string magic;
        long width = 0, height = 0, maxval = 0;
        in >> magic >> width >> height >> maxval;
        if (magic != "P6" || width <= 0 || height <= 0 || maxval != 255 || width > 16384 || height > 16384)
            throw std::runtime_error(path + ": not a P6 PPM with maxval 255");
        in.get();
        std::vector<unsigned char> bytes(width * height * 3);
        in.read(reinterpret_cast<char*>(bytes.data()), bytes.size());
        if (in.gcount() != static_cast<std::streamsize>(bytes.size()))
            throw std::runtime_error(path + ": truncated");
        img.set_size(height, width);
        for (long r = 0; r < height; ++r)
            for (long c = 0; c < width; ++c)
            {
                const unsigned char* p = &bytes[(r * width + c) * 3];
                img[r][c] = rgb_pixel(p[0], p[1], p[2]);
            }
    }

    struct face
    {
        rect_detection det;
        full_object_detection shape;
    };

    // Python's detector.run(img, upsample, adjust): pyramid_up `upsample` times, detect, rect_down back.
    std::vector<face> run(frontal_face_detector& detector, shape_predictor& predictor,
                          const array2d<rgb_pixel>& img, unsigned upsample, double adjust, bool landmarks)
    {
        std::vector<rect_detection> dets;
        pyramid_down<2> pyr;
        if (upsample == 0)
        {
            detector(img, dets, adjust);
        }
        else
        {
            array2d<rgb_pixel> up;
            pyramid_up(img, up, pyr);
            for (unsigned i = 1; i < upsample; ++i) pyramid_up(up);
            detector(up, dets, adjust);
            for (auto& d : dets) d.rect = pyr.rect_down(d.rect, upsample);
        }
        std::vector<face> faces;
        for (auto& d : dets)
        {
            face f;
            f.det = d;
            if (landmarks) f.shape = predictor(img, d.rect);
            faces.push_back(f);
        }
        return faces;
    }
}

int main(int argc, char** argv)
{
    try
    {
        std::string predictor_path = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";
        unsigned upsample = 1;
        double adjust = 0;
        int repeat = 0, warmup = 1;
        std::vector<std::string> files;
        for (int i = 1; i < argc; ++i)
        {
            const std::string a = argv[i];
            auto next = [&]() -> std::string {
                if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
                return argv[++i];
            };
            if (a == "--predictor") predictor_path = next();
            else if (a == "--upsample") upsample = std::stoul(next());
            else if (a == "--adjust") adjust = std::stod(next());
            else if (a == "--repeat") repeat = std::stoi(next());
            else if (a == "--warmup") warmup = std::stoi(next());
            else files.push_back(a);
        }
        frontal_face_detector detector = get_frontal_face_detector();
        shape_predictor predictor;
        deserialize(predictor_path) >> predictor;

        for (const auto& file : files)
        {
            array2d<rgb_pixel> img;
            read_ppm(file, img);
            const std::vector<face> faces = run(detector, predictor, img, upsample, adjust, true);
            std::vector<double> ms;
            if (repeat > 0)
            {
                for (int i = 0; i < warmup; ++i) run(detector, predictor, img, upsample, adjust, true);
                for (int i = 0; i < repeat; ++i)
                {
                    const auto t0 = std::chrono::steady_clock::now();
                    run(detector, predictor, img, upsample, adjust, true);
                    const auto t1 = std::chrono::steady_clock::now();
                    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                }
            }
            std::printf("{\"file\":\"%s\",\"width\":%ld,\"height\":%ld,\"faces\":[", file.c_str(), img.nc(), img.nr());
            for (size_t k = 0; k < faces.size(); ++k)
            {
                const face& f = faces[k];
                std::printf("%s{\"left\":%ld,\"top\":%ld,\"right\":%ld,\"bottom\":%ld,\"score\":%.17g,\"detector\":%lu,\"landmarks\":[",
                            k ? "," : "", f.det.rect.left(), f.det.rect.top(), f.det.rect.right(), f.det.rect.bottom(),
                            f.det.detection_confidence, f.det.weight_index);
                for (unsigned long p = 0; p < f.shape.num_parts(); ++p)
                    std::printf("%s[%ld,%ld]", p ? "," : "", f.shape.part(p).x(), f.shape.part(p).y());
                std::printf("]}");
            }
            std::printf("],\"ms\":[");
            for (size_t i = 0; i < ms.size(); ++i) std::printf("%s%.4f", i ? "," : "", ms[i]);
            std::printf("]}\n");
        }
        return 0;
    }
    catch (std::exception& e)
    {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
