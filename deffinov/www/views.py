from django.shortcuts import render


def home(request):
    return render(request, "www/home.html")


def accessibility(request):
    return render(request, "www/accessibility.html")


def legal(request):
    return render(request, "www/legal.html")
